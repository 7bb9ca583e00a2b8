import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com): signing and verification over the exact raw
 * bytes of the body. The signature is an HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under
 * the base64-decoded part of a `whsec_…` secret, sent as `v1,<base64>` in `webhook-signature` (one entry per
 * secret, space-separated, so secrets can rotate).
 *
 * We do not verify with the `standardwebhooks` package, although we interoperate with it (the specs prove it):
 * it decodes a Buffer body to a UTF-8 string first (lossy for bytes that are not UTF-8), accepts lax
 * timestamps through parseInt (`12abc`), and hashes with a pure-JS SHA-256. Here node:crypto hashes the raw
 * Buffer and compares in constant time.
 */

/** How far a webhook-timestamp may be from now, either way, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookVerificationFailure =
  'missing_headers' | 'invalid_headers' | 'stale_timestamp' | 'future_timestamp' | 'invalid_signature' | 'no_secret';

export type WebhookVerification =
  { ok: true; webhookId: string; timestamp: Date } | { ok: false; reason: WebhookVerificationFailure; message: string };

const SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const WEBHOOK_ID = /^[\x21-\x7e]{1,255}$/;
const TIMESTAMP = /^\d{1,12}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const ID_HEADER = 'webhook-id';
const TIMESTAMP_HEADER = 'webhook-timestamp';
const SIGNATURE_HEADER = 'webhook-signature';

/** Strict base64 (standard alphabet, padding optional): the bytes, or null. */
function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Node's decoder skips what it cannot read; a round trip proves nothing was skipped.
  if (bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) return null;
  return bytes;
}

/** The HMAC key of a `whsec_` secret, or null when the secret is malformed. */
function secretKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const key = decodeBase64(secret.slice(SECRET_PREFIX.length));
  if (key === null || key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) return null;
  return key;
}

function hmac(key: Buffer, webhookId: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${webhookId}.${timestamp}.`, 'utf8').update(body).digest();
}

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Whether `value` is a usable signing secret: `whsec_` and valid base64 of 24 to 64 bytes. */
export function isWebhookSecret(value: string): boolean {
  return secretKey(value) !== null;
}

/**
 * The `webhook-signature` header value for a body: one `v1,<base64>` entry per secret, space-separated
 * (several during a rotation). Throws on no secrets, a malformed secret, an invalid id or an invalid date:
 * those are configuration or programming errors, and a receiver would refuse the delivery anyway.
 */
export function signWebhook(
  secrets: readonly string[],
  webhookId: string,
  timestamp: Date,
  body: Buffer | string,
): string {
  if (secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  if (!WEBHOOK_ID.test(webhookId)) throw new Error('the webhook id must be 1 to 255 printable ASCII characters');
  const time = timestamp.getTime();
  if (!Number.isFinite(time) || time < 0) throw new Error('the webhook timestamp must be a valid date');
  const seconds = String(Math.floor(time / 1000));
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return secrets
    .map((secret, index) => {
      const key = secretKey(secret);
      if (key === null) throw new Error(`signing secret #${index + 1} is not a valid whsec_ secret`);
      return `v1,${hmac(key, webhookId, seconds, bytes).toString('base64')}`;
    })
    .join(' ');
}

const failure = (reason: WebhookVerificationFailure, message: string): WebhookVerification => ({
  ok: false,
  reason,
  message,
});

/**
 * Verifies a Standard Webhooks delivery against the exact bytes received. Header names are matched
 * case-insensitively; a repeated header is refused. Secrets that are malformed are skipped; when none is
 * usable the answer is `no_secret`. Messages never contain a secret or the body.
 */
export function verifyWebhook(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  secrets: readonly string[],
  now: Date = new Date(),
): WebhookVerification {
  const wanted = new Map<string, string | string[] | undefined>([
    [ID_HEADER, undefined],
    [TIMESTAMP_HEADER, undefined],
    [SIGNATURE_HEADER, undefined],
  ]);
  const repeated = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!wanted.has(lower) || value === undefined) continue;
    if (wanted.get(lower) !== undefined) repeated.add(lower);
    wanted.set(lower, value);
  }

  const missing = [...wanted].filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length > 0) {
    return failure(
      'missing_headers',
      `the ${missing.join(', ')} header${missing.length === 1 ? ' is' : 's are'} missing`,
    );
  }
  for (const [name, value] of wanted) {
    if (Array.isArray(value) || repeated.has(name)) {
      return failure('invalid_headers', `the ${name} header is repeated`);
    }
  }
  const webhookId = wanted.get(ID_HEADER) as string;
  const timestamp = wanted.get(TIMESTAMP_HEADER) as string;
  const signature = wanted.get(SIGNATURE_HEADER) as string;

  if (!WEBHOOK_ID.test(webhookId)) {
    return failure('invalid_headers', 'the webhook-id header is not 1 to 255 printable ASCII characters');
  }
  if (!TIMESTAMP.test(timestamp)) {
    return failure('invalid_headers', 'the webhook-timestamp header is not a unix time in seconds');
  }

  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const minutes = WEBHOOK_TOLERANCE_SECONDS / 60;
  if (nowSeconds - seconds > WEBHOOK_TOLERANCE_SECONDS) {
    return failure('stale_timestamp', `the webhook-timestamp is more than ${minutes} minutes old`);
  }
  if (seconds - nowSeconds > WEBHOOK_TOLERANCE_SECONDS) {
    return failure('future_timestamp', `the webhook-timestamp is more than ${minutes} minutes in the future`);
  }

  const keys = secrets.map(secretKey).filter((key): key is Buffer => key !== null);
  if (keys.length === 0) return failure('no_secret', 'no valid webhook signing secret is configured');

  const expected = keys.map((key) => hmac(key, webhookId, timestamp, rawBody));
  for (const entry of signature.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = decodeBase64(entry.slice(comma + 1));
    if (given === null) continue;
    for (const mac of expected) {
      if (given.length === mac.length && timingSafeEqual(given, mac)) {
        return { ok: true, webhookId, timestamp: new Date(seconds * 1000) };
      }
    }
  }
  return failure('invalid_signature', 'no webhook-signature matches the body');
}
