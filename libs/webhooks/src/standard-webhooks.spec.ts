import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookVerification,
  generateWebhookSecret,
  isWebhookSecret,
  signWebhook,
  verifyWebhook,
} from './standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'; // 24 bytes, as svix generates them
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const ID = 'msg_2hNt5Yk0Qx';
const NOW = new Date('2026-11-22T21:05:03.000Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const BODY = Buffer.from(JSON.stringify({ type: 'preauth.decided', data: { id: 'pa_1', units: 10 } }), 'utf8');

const headersFor = (signature: string, id = ID, timestamp = NOW): Record<string, string> => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
  'webhook-signature': signature,
});

const signed = (body: Buffer | string = BODY, secrets: readonly string[] = [SECRET], timestamp = NOW) =>
  headersFor(signWebhook(secrets, ID, timestamp, body), ID, timestamp);

const reasonOf = (result: WebhookVerification): string => (result.ok ? 'ok' : result.reason);

describe('generateWebhookSecret / isWebhookSecret', () => {
  it('generates whsec_ secrets of 32 random bytes that pass isWebhookSecret', () => {
    const first = generateWebhookSecret();
    const second = generateWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.slice(6), 'base64')).toHaveLength(32);
    expect(second).not.toBe(first);
    expect(isWebhookSecret(first)).toBe(true);
  });

  it('accepts 24 to 64 bytes, padded or not', () => {
    expect(isWebhookSecret(SECRET)).toBe(true);
    expect(isWebhookSecret(`whsec_${Buffer.alloc(24, 1).toString('base64')}`)).toBe(true);
    expect(isWebhookSecret(`whsec_${Buffer.alloc(64, 1).toString('base64')}`)).toBe(true);
    expect(isWebhookSecret(`whsec_${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`)).toBe(true);
  });

  it.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64')],
    ['another prefix', `wh_${Buffer.alloc(32, 1).toString('base64')}`],
    ['upper-case prefix', `WHSEC_${Buffer.alloc(32, 1).toString('base64')}`],
    ['empty', 'whsec_'],
    ['too short (23 bytes)', `whsec_${Buffer.alloc(23, 1).toString('base64')}`],
    ['too long (65 bytes)', `whsec_${Buffer.alloc(65, 1).toString('base64')}`],
    ['not base64', 'whsec_this is not base64 at all!!!!!!!'],
    ['url-safe alphabet', `whsec_${Buffer.alloc(32, 0xfb).toString('base64url')}`],
    ['bad padding', `whsec_${Buffer.alloc(32, 1).toString('base64')}==`],
    ['a trailing character Node would skip', `whsec_${Buffer.alloc(24, 1).toString('base64')}A`],
  ])('refuses %s', (_label, value) => {
    expect(isWebhookSecret(value)).toBe(false);
  });
});

describe('signWebhook', () => {
  it('signs `${id}.${timestamp}.${body}` with HMAC-SHA256 under the decoded secret', () => {
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const mac = createHmac('sha256', key).update(`${ID}.${NOW_SECONDS}.`).update(BODY).digest('base64');
    expect(signWebhook([SECRET], ID, NOW, BODY)).toBe(`v1,${mac}`);
  });

  it('gives the same signature for a string and its UTF-8 bytes', () => {
    const text = '{"name":"Zoë","note":"✓"}';
    expect(signWebhook([SECRET], ID, NOW, text)).toBe(signWebhook([SECRET], ID, NOW, Buffer.from(text, 'utf8')));
  });

  it('uses whole seconds', () => {
    const later = new Date(NOW.getTime() + 999);
    expect(signWebhook([SECRET], ID, later, BODY)).toBe(signWebhook([SECRET], ID, NOW, BODY));
  });

  it('gives one space-separated v1 signature per secret, in order', () => {
    const both = signWebhook([SECRET, OTHER_SECRET], ID, NOW, BODY);
    expect(both).toBe(`${signWebhook([SECRET], ID, NOW, BODY)} ${signWebhook([OTHER_SECRET], ID, NOW, BODY)}`);
    expect(both.split(' ')).toHaveLength(2);
  });

  it('throws on no secret, a malformed secret, a bad id or an invalid date, without echoing the secret', () => {
    expect(() => signWebhook([], ID, NOW, BODY)).toThrow('at least one secret');
    expect(() => signWebhook([SECRET, 'whsec_nope'], ID, NOW, BODY)).toThrow('signing secret #2 is not');
    try {
      signWebhook(['whsec_nope'], ID, NOW, BODY);
    } catch (error) {
      expect((error as Error).message).not.toContain('nope');
    }
    expect(() => signWebhook([SECRET], 'has space', NOW, BODY)).toThrow('webhook id');
    expect(() => signWebhook([SECRET], '', NOW, BODY)).toThrow('webhook id');
    expect(() => signWebhook([SECRET], ID, new Date(Number.NaN), BODY)).toThrow('valid date');
  });
});

describe('verifyWebhook', () => {
  it('accepts its own signature and returns the id and the (whole-second) timestamp', () => {
    expect(verifyWebhook(signed(), BODY, [SECRET], NOW)).toEqual({ ok: true, webhookId: ID, timestamp: NOW });
  });

  it('defaults now to the current time', () => {
    const now = new Date();
    const result = verifyWebhook(signed(BODY, [SECRET], now), BODY, [SECRET]);
    expect(result.ok).toBe(true);
  });

  it('accepts an empty body', () => {
    expect(verifyWebhook(signed(Buffer.alloc(0)), Buffer.alloc(0), [SECRET], NOW).ok).toBe(true);
  });

  it('verifies bodies that are not UTF-8 over their exact bytes', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x41]);
    expect(verifyWebhook(signed(bytes), bytes, [SECRET], NOW).ok).toBe(true);
    // Decoding to a string (as the standardwebhooks package does) would turn both into U+FFFD U+FFFD A.
    const otherBytes = Buffer.from([0xfe, 0xff, 0x41]);
    expect(otherBytes.toString('utf8')).toBe(bytes.toString('utf8'));
    expect(reasonOf(verifyWebhook(signed(bytes), otherBytes, [SECRET], NOW))).toBe('invalid_signature');
  });

  it('refuses a body changed by one byte', () => {
    const changed = Buffer.from(BODY);
    changed[changed.length - 2] ^= 0x01;
    expect(verifyWebhook(signed(), changed, [SECRET], NOW)).toEqual({
      ok: false,
      reason: 'invalid_signature',
      message: 'no webhook-signature matches the body',
    });
    expect(reasonOf(verifyWebhook(signed(), Buffer.concat([BODY, Buffer.from(' ')]), [SECRET], NOW))).toBe(
      'invalid_signature',
    );
  });

  it('refuses the same JSON re-serialised with other whitespace', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8')), null, 2), 'utf8');
    expect(JSON.parse(reserialised.toString('utf8'))).toEqual(JSON.parse(BODY.toString('utf8')));
    expect(reasonOf(verifyWebhook(signed(), reserialised, [SECRET], NOW))).toBe('invalid_signature');
  });

  it('refuses a signature made with another secret, id or timestamp', () => {
    expect(reasonOf(verifyWebhook(signed(BODY, [OTHER_SECRET]), BODY, [SECRET], NOW))).toBe('invalid_signature');
    const otherId = { ...signed(), 'webhook-id': 'msg_other' };
    expect(reasonOf(verifyWebhook(otherId, BODY, [SECRET], NOW))).toBe('invalid_signature');
    const otherTime = { ...signed(), 'webhook-timestamp': String(NOW_SECONDS + 1) };
    expect(reasonOf(verifyWebhook(otherTime, BODY, [SECRET], NOW))).toBe('invalid_signature');
  });

  describe('secret rotation', () => {
    it('accepts a header with two signatures under either secret', () => {
      const headers = signed(BODY, [SECRET, OTHER_SECRET]);
      expect(verifyWebhook(headers, BODY, [SECRET], NOW).ok).toBe(true);
      expect(verifyWebhook(headers, BODY, [OTHER_SECRET], NOW).ok).toBe(true);
    });

    it('accepts a single signature under any of [old, new] secrets', () => {
      expect(verifyWebhook(signed(BODY, [SECRET]), BODY, [SECRET, OTHER_SECRET], NOW).ok).toBe(true);
      expect(verifyWebhook(signed(BODY, [OTHER_SECRET]), BODY, [SECRET, OTHER_SECRET], NOW).ok).toBe(true);
    });

    it('skips a malformed secret instead of throwing', () => {
      expect(verifyWebhook(signed(), BODY, ['whsec_broken', 'not-a-secret', SECRET], NOW).ok).toBe(true);
    });
  });

  describe('headers', () => {
    it('matches header names case-insensitively', () => {
      const headers = signed();
      const mixed = {
        'Webhook-Id': headers['webhook-id'],
        'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
        'webhook-Signature': headers['webhook-signature'],
      };
      expect(verifyWebhook(mixed, BODY, [SECRET], NOW).ok).toBe(true);
    });

    it('ignores other headers and undefined values', () => {
      const headers = { ...signed(), 'content-type': 'application/json', 'x-extra': undefined };
      expect(verifyWebhook(headers, BODY, [SECRET], NOW).ok).toBe(true);
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('needs %s', (name) => {
      const headers: Record<string, string | undefined> = { ...signed() };
      headers[name] = undefined;
      expect(verifyWebhook(headers, BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'missing_headers',
        message: `the ${name} header is missing`,
      });
    });

    it('names every missing header', () => {
      expect(verifyWebhook({}, BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'missing_headers',
        message: 'the webhook-id, webhook-timestamp, webhook-signature headers are missing',
      });
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('refuses a repeated %s', (name) => {
      const headers: Record<string, string | string[]> = { ...signed() };
      const value = headers[name] as string;
      headers[name] = [value, value];
      expect(verifyWebhook(headers, BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'invalid_headers',
        message: `the ${name} header is repeated`,
      });
      expect(reasonOf(verifyWebhook({ ...signed(), [name]: [value] }, BODY, [SECRET], NOW))).toBe('invalid_headers');
    });

    it('refuses the same header given under two spellings', () => {
      const headers = { ...signed(), 'Webhook-Id': 'msg_other' };
      expect(reasonOf(verifyWebhook(headers, BODY, [SECRET], NOW))).toBe('invalid_headers');
    });

    it.each([
      ['empty', ''],
      ['a space', 'msg 1'],
      ['a tab', 'msg\t1'],
      ['non-ASCII', 'msg_é'],
      ['256 characters', 'a'.repeat(256)],
    ])('refuses a webhook-id with %s', (_label, id) => {
      const headers = { ...signed(), 'webhook-id': id };
      expect(verifyWebhook(headers, BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'invalid_headers',
        message: 'the webhook-id header is not 1 to 255 printable ASCII characters',
      });
    });

    it('accepts a 255-character webhook-id of printable ASCII', () => {
      const id = '!~'.repeat(127) + 'x';
      const headers = headersFor(signWebhook([SECRET], id, NOW, BODY), id);
      expect(verifyWebhook(headers, BODY, [SECRET], NOW)).toEqual({ ok: true, webhookId: id, timestamp: NOW });
    });

    it.each([
      ['empty', ''],
      ['trailing garbage (parseInt would accept it)', `${NOW_SECONDS}abc`],
      ['a sign', `+${NOW_SECONDS}`],
      ['a decimal point', `${NOW_SECONDS}.5`],
      ['milliseconds (13 digits)', String(NOW.getTime())],
      ['spaces', ` ${NOW_SECONDS}`],
      ['an ISO date', NOW.toISOString()],
    ])('refuses a webhook-timestamp with %s', (_label, timestamp) => {
      const headers = { ...signed(), 'webhook-timestamp': timestamp };
      expect(verifyWebhook(headers, BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'invalid_headers',
        message: 'the webhook-timestamp header is not a unix time in seconds',
      });
    });
  });

  describe('timestamp tolerance', () => {
    const at = (offsetSeconds: number) => new Date(NOW.getTime() + offsetSeconds * 1000);

    it('is five minutes', () => {
      expect(WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    });

    it('accepts a timestamp exactly 300 s old and refuses one 301 s old', () => {
      expect(verifyWebhook(signed(BODY, [SECRET], at(-300)), BODY, [SECRET], NOW).ok).toBe(true);
      expect(verifyWebhook(signed(BODY, [SECRET], at(-301)), BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'stale_timestamp',
        message: 'the webhook-timestamp is more than 5 minutes old',
      });
    });

    it('accepts a timestamp exactly 300 s ahead and refuses one 301 s ahead', () => {
      expect(verifyWebhook(signed(BODY, [SECRET], at(300)), BODY, [SECRET], NOW).ok).toBe(true);
      expect(verifyWebhook(signed(BODY, [SECRET], at(301)), BODY, [SECRET], NOW)).toEqual({
        ok: false,
        reason: 'future_timestamp',
        message: 'the webhook-timestamp is more than 5 minutes in the future',
      });
    });

    it('compares whole seconds of now', () => {
      const nowWithMillis = new Date(NOW.getTime() + 999);
      expect(verifyWebhook(signed(BODY, [SECRET], at(-300)), BODY, [SECRET], nowWithMillis).ok).toBe(true);
    });

    it('refuses a stale timestamp even with a valid signature, before looking at secrets', () => {
      expect(reasonOf(verifyWebhook(signed(BODY, [SECRET], at(-3600)), BODY, [], NOW))).toBe('stale_timestamp');
    });
  });

  describe('secrets', () => {
    it('answers no_secret without secrets', () => {
      expect(verifyWebhook(signed(), BODY, [], NOW)).toEqual({
        ok: false,
        reason: 'no_secret',
        message: 'no valid webhook signing secret is configured',
      });
    });

    it('answers no_secret when every secret is malformed', () => {
      expect(reasonOf(verifyWebhook(signed(), BODY, ['whsec_', 'secret'], NOW))).toBe('no_secret');
    });
  });

  describe('signature entries', () => {
    const valid = signWebhook([SECRET], ID, NOW, BODY);

    it.each([
      ['v1 with non-base64', 'v1,@@@not base64@@@'],
      ['v1 with nothing', 'v1,'],
      ['v1 with a short MAC', `v1,${Buffer.alloc(16).toString('base64')}`],
      ['v1 with a long MAC', `v1,${Buffer.alloc(64).toString('base64')}`],
      ['v2', `v2,${valid.slice(3)}`],
      ['v1a (asymmetric)', `v1a,${valid.slice(3)}`],
      ['no comma', 'garbage'],
      ['a comma only', ','],
      ['an empty header', ''],
      ['spaces only', '   '],
    ])('ignores %s without throwing', (_label, entry) => {
      const headers = { ...signed(), 'webhook-signature': entry };
      expect(reasonOf(verifyWebhook(headers, BODY, [SECRET], NOW))).toBe('invalid_signature');
    });

    it('still finds the valid entry among garbage and other versions', () => {
      const headers = { ...signed(), 'webhook-signature': `v2,abc v1,@@ garbage  v1, ${valid} v1a,xyz` };
      expect(verifyWebhook(headers, BODY, [SECRET], NOW).ok).toBe(true);
    });

    it('refuses a v2 entry carrying a valid v1 MAC', () => {
      const headers = { ...signed(), 'webhook-signature': `v2,${valid.slice(3)}` };
      expect(reasonOf(verifyWebhook(headers, BODY, [SECRET], NOW))).toBe('invalid_signature');
    });

    it('refuses a valid MAC with characters appended that a lax decoder would skip', () => {
      const headers = { ...signed(), 'webhook-signature': `${valid}!` };
      expect(reasonOf(verifyWebhook(headers, BODY, [SECRET], NOW))).toBe('invalid_signature');
    });
  });

  it('never puts the secret or the body in a message', () => {
    const secretBody = Buffer.from('{"ssn":"123-45-6789"}');
    const cases: Array<Record<string, string | string[] | undefined>> = [
      {},
      { ...signed(secretBody), 'webhook-id': 'bad id' },
      { ...signed(secretBody), 'webhook-timestamp': 'x' },
      signed(secretBody, [SECRET], new Date(NOW.getTime() - 3_600_000)),
      signed(secretBody, [SECRET], new Date(NOW.getTime() + 3_600_000)),
      signed(secretBody, [OTHER_SECRET]),
    ];
    for (const headers of cases) {
      const result = verifyWebhook(headers, secretBody, [SECRET], NOW);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.message).not.toContain('123-45-6789');
      expect(result.message).not.toContain(SECRET.slice(6));
      expect(result.message).not.toContain(OTHER_SECRET.slice(6));
    }
  });
});

describe('interoperability with the standardwebhooks package', () => {
  // The package checks timestamps against the real clock, so these use the current time.
  const body = JSON.stringify({ type: 'preauth.decided', data: { id: 'pa_1', note: 'Zoë ✓' } });
  const now = () => new Date();

  it('verifies what the package signs', () => {
    const timestamp = now();
    const signature = new Webhook(SECRET).sign(ID, timestamp, body);
    const result = verifyWebhook(headersFor(signature, ID, timestamp), Buffer.from(body, 'utf8'), [SECRET], now());
    expect(result).toEqual({
      ok: true,
      webhookId: ID,
      timestamp: new Date(Math.floor(timestamp.getTime() / 1000) * 1000),
    });
  });

  it('verifies what the package signs with a generated 32-byte secret', () => {
    const secret = generateWebhookSecret();
    const timestamp = now();
    const signature = new Webhook(secret).sign(ID, timestamp, body);
    expect(verifyWebhook(headersFor(signature, ID, timestamp), Buffer.from(body), [secret], now()).ok).toBe(true);
  });

  it('signs what the package verifies (single secret)', () => {
    const timestamp = now();
    const headers = headersFor(signWebhook([SECRET], ID, timestamp, body), ID, timestamp);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(SECRET).verify(Buffer.from(body, 'utf8'), headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(OTHER_SECRET).verify(body, headers)).toThrow('No matching signature found');
  });

  it('produces byte-identical signatures to the package', () => {
    const timestamp = now();
    for (const secret of [SECRET, OTHER_SECRET, generateWebhookSecret()]) {
      expect(signWebhook([secret], ID, timestamp, body)).toBe(new Webhook(secret).sign(ID, timestamp, body));
    }
  });

  it('rotates compatibly: a header with both signatures verifies with the package under either secret', () => {
    const timestamp = now();
    const headers = headersFor(signWebhook([SECRET, OTHER_SECRET], ID, timestamp, body), ID, timestamp);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(OTHER_SECRET).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('rotates compatibly: the package signing with either secret verifies with [old, new]', () => {
    const timestamp = now();
    for (const secret of [SECRET, OTHER_SECRET]) {
      const headers = headersFor(new Webhook(secret).sign(ID, timestamp, body), ID, timestamp);
      expect(verifyWebhook(headers, Buffer.from(body), [SECRET, OTHER_SECRET], now()).ok).toBe(true);
    }
  });

  it('agrees with the package that a one-byte change fails', () => {
    const timestamp = now();
    const headers = headersFor(signWebhook([SECRET], ID, timestamp, body), ID, timestamp);
    const changed = body.replace('pa_1', 'pa_2');
    expect(() => new Webhook(SECRET).verify(changed, headers)).toThrow('No matching signature found');
    const packageHeaders = headersFor(new Webhook(SECRET).sign(ID, timestamp, body), ID, timestamp);
    expect(reasonOf(verifyWebhook(packageHeaders, Buffer.from(changed), [SECRET], now()))).toBe('invalid_signature');
  });
});
