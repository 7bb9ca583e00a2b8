// request-filtering-agent is ES-module only, which Jest cannot load before Node 24.9: Node loads it instead.
jest.mock('request-filtering-agent', () =>
  jest.requireActual<typeof NativeRequire>('@continuum/outbound/testing').requireNatively('request-filtering-agent'),
);

import type * as NativeRequire from '@continuum/outbound/testing';
import { OutboundUrlPolicy } from '@continuum/outbound';
import { RefusedDestinationError, RetryableGatewayError } from './payer-gateway.types';
import { SandboxGatewayAdapter } from './sandbox.adapter';
import type { SandboxDecision, SandboxReceipt } from './sandbox-protocol';
import { FakePayer, unusedPortUrl } from './testing/fake-payer';
import { sampleRequest, sampleSubmission } from './testing/submission';

const decision: SandboxDecision = {
  action: 'A2',
  authorizationNumber: 'AUTH-0042',
  approvedUnits: 10,
  unitType: 'day',
  validFrom: '2026-12-01',
  validTo: '2026-12-18',
  reasonCode: null,
  reasonText: null,
  decidedAt: '2026-11-22T21:05:03.000Z',
};

const receipt = (overrides: Partial<SandboxReceipt> = {}): SandboxReceipt => ({
  traceNumber: 'CT-20261122-0001',
  payerReference: 'BPH-REF-7781',
  decision,
  duplicate: false,
  ...overrides,
});

/** What the adapter threw, for exact assertions. */
async function failure(promise: Promise<unknown>): Promise<RetryableGatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RetryableGatewayError);
    return error as RetryableGatewayError;
  }
  throw new Error('expected a RetryableGatewayError');
}

/** The fake payers listen on 127.0.0.1, allow-listed as the launcher and test stacks allow-list theirs. */
const urlPolicy = new OutboundUrlPolicy({ allowedHosts: ['127.0.0.1'] });

describe('SandboxGatewayAdapter', () => {
  let payer: FakePayer;
  let adapter: SandboxGatewayAdapter;

  beforeEach(async () => {
    payer = await new FakePayer().start();
    adapter = new SandboxGatewayAdapter({ sandboxPayerUrl: payer.url, timeoutMs: 2_000, urlPolicy });
  });

  afterEach(() => payer.stop());

  it('is the sandbox connection', () => {
    expect(adapter.connection).toBe('sandbox');
  });

  it('POSTs the submission as JSON to the sandbox payer and returns its synchronous decision', async () => {
    payer.handler = () => ({ status: 200, body: JSON.stringify({ ...receipt(), extra: 'ignored' }) });

    const outcome = await adapter.submit(sampleSubmission());

    expect(outcome).toEqual({ kind: 'delivered', payerReference: 'BPH-REF-7781', decision, x12Request: null });
    expect(payer.received).toHaveLength(1);
    const [request] = payer.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/payers/BPH/preauths');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(sampleRequest());
  });

  it('returns delivered with no decision on 202 when the payer will call back', async () => {
    payer.handler = () => ({ status: 202, body: JSON.stringify(receipt({ decision: null })) });

    await expect(adapter.submit(sampleSubmission())).resolves.toEqual({
      kind: 'delivered',
      payerReference: 'BPH-REF-7781',
      decision: null,
      x12Request: null,
    });
  });

  it("uses the payer's own endpoint when the catalog has one", async () => {
    payer.handler = () => ({ status: 202, body: JSON.stringify(receipt({ decision: null })) });
    const noSandbox = new SandboxGatewayAdapter({ sandboxPayerUrl: undefined, timeoutMs: 2_000, urlPolicy });

    await noSandbox.submit(sampleSubmission({ endpointUrl: `${payer.url}/bph/auth` }));

    expect(payer.received.map((r) => r.url)).toEqual(['/bph/auth']);
  });

  it("maps a 4xx SandboxRejection to a rejection with the payer's code and message", async () => {
    payer.handler = () => ({
      status: 422,
      body: JSON.stringify({ code: 'member_not_found', message: 'No member W123456789 on plan BPH-PPO' }),
    });

    await expect(adapter.submit(sampleSubmission())).resolves.toEqual({
      kind: 'rejected',
      code: 'member_not_found',
      message: 'No member W123456789 on plan BPH-PPO',
      x12Request: null,
    });
  });

  it('cuts a long rejection message to 300 characters', async () => {
    payer.handler = () => ({ status: 400, body: JSON.stringify({ code: 'invalid', message: 'x'.repeat(1000) }) });

    const outcome = await adapter.submit(sampleSubmission());

    expect(outcome.kind === 'rejected' ? outcome.message : '').toBe(`${'x'.repeat(299)}…`);
  });

  it('maps a 4xx without a SandboxRejection body to http_<status>', async () => {
    payer.handler = () => ({ status: 404, body: '<html>Not Found</html>', contentType: 'text/html' });

    await expect(adapter.submit(sampleSubmission())).resolves.toEqual({
      kind: 'rejected',
      code: 'http_404',
      message: 'payer refused the request (HTTP 404)',
      x12Request: null,
    });
  });

  it('throws a RetryableGatewayError on a 5xx', async () => {
    payer.handler = () => ({ status: 503, body: JSON.stringify({ code: 'busy', message: 'try later' }) });

    const error = await failure(adapter.submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 503');
    expect(error.x12Request).toBeNull();
  });

  it('throws a RetryableGatewayError when the payer does not answer in time', async () => {
    payer.handler = () => 'hang';
    const impatient = new SandboxGatewayAdapter({ sandboxPayerUrl: payer.url, timeoutMs: 200, urlPolicy });

    const error = await failure(impatient.submit(sampleSubmission()));

    expect(error.message).toBe('no complete answer within 200 ms');
    expect(payer.received).toHaveLength(1);
  });

  it('throws a RetryableGatewayError when the connection is refused', async () => {
    const refusing = new SandboxGatewayAdapter({ sandboxPayerUrl: await unusedPortUrl(), timeoutMs: 2_000, urlPolicy });

    const error = await failure(refusing.submit(sampleSubmission()));

    expect(error.message).toBe('connection refused (ECONNREFUSED)');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('throws a RetryableGatewayError when the payer has no endpoint and there is no sandbox payer', async () => {
    const unconfigured = new SandboxGatewayAdapter({ sandboxPayerUrl: undefined, timeoutMs: 2_000, urlPolicy });

    const error = await failure(unconfigured.submit(sampleSubmission()));

    expect(error.message).toBe('no endpoint configured for payer BPH');
    expect(payer.received).toHaveLength(0);
  });

  it('throws a RetryableGatewayError on a redirect, which it does not follow', async () => {
    payer.handler = () => ({ status: 307, body: '' });

    const error = await failure(adapter.submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 307');
    expect(payer.received).toHaveLength(1);
  });

  it("throws a RetryableGatewayError when the catalog's endpoint is not a URL", async () => {
    const error = await failure(adapter.submit(sampleSubmission({ endpointUrl: 'bph dot com' })));

    expect(error.message).toBe('invalid endpoint URL');
  });

  it.each([
    ['not JSON', 'OK'],
    ['no payer reference', JSON.stringify({ ...receipt(), payerReference: undefined })],
    ['an unknown action', JSON.stringify(receipt({ decision: { ...decision, action: 'ZZ' as 'A1' } }))],
    ['units that are not a number', JSON.stringify({ ...receipt(), decision: { ...decision, approvedUnits: '10' } })],
    ['no decidedAt', JSON.stringify({ ...receipt(), decision: { ...decision, decidedAt: undefined } })],
    ['an array', '[]'],
  ])('throws a RetryableGatewayError on a 2xx receipt with %s', async (_what, body) => {
    payer.handler = () => ({ status: 200, body });

    const error = await failure(adapter.submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 200 without a valid receipt');
  });

  it('throws a RetryableGatewayError on the receipt of another trace number', async () => {
    payer.handler = () => ({ status: 200, body: JSON.stringify(receipt({ traceNumber: 'CT-OTHER' })) });

    const error = await failure(adapter.submit(sampleSubmission()));

    expect(error.message).toBe('payer answered 200 with the receipt of another trace number');
  });

  it('never puts the request (PHI) in an error message', async () => {
    payer.handler = () => ({ status: 500, body: 'Rivera' });
    const messages = [(await failure(adapter.submit(sampleSubmission()))).message];
    payer.handler = () => ({ status: 200, body: '{"traceNumber":"x"}' });
    messages.push((await failure(adapter.submit(sampleSubmission()))).message);

    for (const message of messages) {
      expect(message).not.toMatch(/Rivera|Jordan|W123456789|1990|F10/);
    }
  });

  describe('outbound URL policy', () => {
    /** What the adapter threw, when it must be a RefusedDestinationError. */
    async function refusal(promise: Promise<unknown>): Promise<RefusedDestinationError> {
      const error: unknown = await promise.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(RefusedDestinationError);
      return error as RefusedDestinationError;
    }

    const strict = new OutboundUrlPolicy({ allowedHosts: [] });

    it('refuses a loopback endpoint that is not allow-listed, without retrying, and sends nothing', async () => {
      const guarded = new SandboxGatewayAdapter({ sandboxPayerUrl: undefined, timeoutMs: 2_000, urlPolicy: strict });

      const error = await refusal(guarded.submit(sampleSubmission({ endpointUrl: `${payer.url}/preauths` })));

      expect(error.message).toBe('refused: 127.0.0.1 is not a public address');
      expect(payer.received).toHaveLength(0);
    });

    it('refuses at connect time a hostname that resolves to loopback', async () => {
      const guarded = new SandboxGatewayAdapter({ sandboxPayerUrl: undefined, timeoutMs: 2_000, urlPolicy: strict });
      const viaName = payer.url.replace('127.0.0.1', 'localhost');

      const error = await refusal(guarded.submit(sampleSubmission({ endpointUrl: `${viaName}/preauths` })));

      expect(error.message).toMatch(/^refused: (127\.0\.0\.1|::1) is not a public address$/);
      expect(error.message).not.toContain('preauths');
      expect(payer.received).toHaveLength(0);
    });

    it('refuses link-local (cloud metadata) addresses', async () => {
      const guarded = new SandboxGatewayAdapter({ sandboxPayerUrl: undefined, timeoutMs: 2_000, urlPolicy: strict });

      const error = await refusal(
        guarded.submit(sampleSubmission({ endpointUrl: 'http://169.254.169.254/latest/meta-data' })),
      );

      expect(error.message).toBe('refused: 169.254.169.254 is not a public address');
    });

    it('refuses a scheme other than http(s)', async () => {
      const error = await refusal(adapter.submit(sampleSubmission({ endpointUrl: 'file:///etc/passwd' })));

      expect(error.message).toBe('refused: payer endpoints use http(s), not file');
    });

    it('allow-lists host:port entries for that port only', async () => {
      const port = new URL(payer.url).port;
      payer.handler = () => ({ status: 200, body: JSON.stringify(receipt()) });
      const exact = new OutboundUrlPolicy({ allowedHosts: [`127.0.0.1:${port}`] });
      const otherPort = new OutboundUrlPolicy({ allowedHosts: [`127.0.0.1:${Number(port) === 1 ? 2 : 1}`] });

      const allowed = new SandboxGatewayAdapter({ sandboxPayerUrl: payer.url, timeoutMs: 2_000, urlPolicy: exact });
      await expect(allowed.submit(sampleSubmission())).resolves.toMatchObject({ kind: 'delivered' });

      const refused = new SandboxGatewayAdapter({ sandboxPayerUrl: payer.url, timeoutMs: 2_000, urlPolicy: otherPort });
      await refusal(refused.submit(sampleSubmission()));
      expect(payer.received).toHaveLength(1);
    });
  });
});
