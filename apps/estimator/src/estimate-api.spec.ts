import { closedPort, RecordingServer } from '../../../test/support/recording-server';
import { type ApiErrorBody, type ApiFailure, ApiProblem, describeFailure, EstimateApi } from './estimate-api';

const KEY = 'pk_test_estimator_123';

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

/** The API on 127.0.0.1: records each request and answers with `reply`. */
class FakeApi extends RecordingServer {
  reply: Reply = json(200, {});

  constructor() {
    super();
    this.handler = (_request, response) =>
      response.writeHead(this.reply.status, this.reply.headers ?? {}).end(this.reply.body);
  }
}

/** The failure a call rejected with; fails the test when it resolved or rejected with anything else. */
async function failureOf(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiProblem) return error.failure;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const validationError: ApiErrorBody = {
  statusCode: 400,
  code: 'validation_failed',
  message: 'Invalid request: coverage.planId',
  details: { fields: [{ field: 'coverage.planId', messages: ['planId must be a UUID'] }] },
};

describe('EstimateApi', () => {
  const api = new FakeApi();
  let client: EstimateApi;

  beforeAll(async () => {
    await api.start();
    client = new EstimateApi(api.baseUrl, KEY);
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.received.length = 0;
  });

  it('returns the JSON of a 200 answer to a GET, sent with the publishable key and no body', async () => {
    const plans = { data: [{ id: 'p1', name: 'Gold PPO' }] };
    api.reply = json(200, plans);

    await expect(client.get('/v1/estimate-page/plans?payer=a')).resolves.toEqual(plans);

    expect(api.received).toHaveLength(1);
    const [request] = api.received;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/v1/estimate-page/plans?payer=a');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['content-type']).toBeUndefined();
    expect(request?.body).toBe('');
  });

  it('POSTs the body as JSON with the publishable key and returns the answer', async () => {
    const body = { levelOfCare: 'iop', coverage: { type: 'insured', planId: 'p1', network: 'in' } };
    const answer = { levelOfCare: 'iop', patientResponsibilityCents: 450_000 };
    api.reply = json(200, answer);

    await expect(client.post('/v1/estimates', body)).resolves.toEqual(answer);

    const [request] = api.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/estimates');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(body);
  });

  it('rejects a 400 with an ApiProblem that carries the standard error body', async () => {
    api.reply = json(400, validationError);

    const call = client.post('/v1/estimates', { levelOfCare: 'iop' });
    await expect(call).rejects.toBeInstanceOf(ApiProblem);
    await expect(call).rejects.toThrow('HTTP 400');
    expect(await failureOf(call)).toEqual({
      kind: 'http',
      status: 400,
      body: validationError,
      retryAfterSeconds: undefined,
    });
  });

  it('reads the seconds to wait from the Retry-After header of a 429', async () => {
    const body: ApiErrorBody = { statusCode: 429, code: 'rate_limited', message: 'Too many requests' };
    api.reply = json(429, body, { 'retry-after': '7' });

    expect(await failureOf(client.post('/v1/estimates', {}))).toEqual({
      kind: 'http',
      status: 429,
      body,
      retryAfterSeconds: 7,
    });
  });

  it('ignores a Retry-After header that is a date rather than seconds', async () => {
    api.reply = json(
      429,
      { statusCode: 429, code: 'rate_limited', message: 'Too many requests' },
      {
        'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT',
      },
    );

    const failure = await failureOf(client.get('/v1/estimate-page/payers'));
    expect(failure).toMatchObject({ kind: 'http', status: 429 });
    expect(failure.kind === 'http' ? failure.retryAfterSeconds : 'not http').toBeUndefined();
  });

  it('gives no body for a 500 that is not JSON', async () => {
    api.reply = { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Internal Server Error</h1>' };

    const failure = await failureOf(client.post('/v1/estimates', {}));
    expect(failure).toEqual({ kind: 'http', status: 500, body: undefined, retryAfterSeconds: undefined });
    expect(failure.kind === 'http' ? failure.body : 'not http').toBeUndefined();
  });

  it.each([
    ['an object without code and message', { error: 'Bad Gateway' }],
    ['an array', [1, 2]],
    ['null', null],
    ['a string', 'oops'],
  ])('gives no body when the JSON of an error is %s', async (_what, value) => {
    api.reply = json(502, value);

    const failure = await failureOf(client.get('/v1/estimate-page/payers'));
    expect(failure).toMatchObject({ kind: 'http', status: 502 });
    expect(failure.kind === 'http' ? failure.body : 'not http').toBeUndefined();
  });

  it('says the network failed when the connection is refused', async () => {
    const refused = new EstimateApi(`http://127.0.0.1:${await closedPort()}`, KEY);

    const call = refused.post('/v1/estimates', {});
    await expect(call).rejects.toThrow('network');
    expect(await failureOf(call)).toEqual({ kind: 'network' });
  });
});

describe('describeFailure', () => {
  const httpFailure = (status: number, body?: ApiErrorBody, retryAfterSeconds?: number): ApiFailure => ({
    kind: 'http',
    status,
    body,
    retryAfterSeconds,
  });
  const tooMany = (details?: ApiErrorBody['details']): ApiErrorBody => ({
    statusCode: 429,
    code: 'rate_limited',
    message: 'Too many requests',
    ...(details === undefined ? {} : { details }),
  });
  const CALL_US = 'You can also call our admissions team for an estimate.';

  it('asks to check the connection and allows a retry when the network failed', () => {
    const { message, retry } = describeFailure({ kind: 'network' });
    expect(message).toContain('could not reach the estimate service');
    expect(message).toContain('internet connection');
    expect(retry).toBe(true);
  });

  it('says the service took too long and allows a retry after a timeout', () => {
    const { message, retry } = describeFailure({ kind: 'timeout' });
    expect(message).toContain('took too long');
    expect(retry).toBe(true);
  });

  it('asks in plain words to check the answers for a 400 (never the API’s field paths) and offers no retry', () => {
    for (const failure of [httpFailure(400, validationError), httpFailure(400)]) {
      expect(describeFailure(failure)).toEqual({
        message: 'Some of your answers could not be used. Please check them and try again.',
        retry: false,
      });
    }
  });

  it('says the estimator is not set up correctly for a 401', () => {
    const { message, retry } = describeFailure(httpFailure(401));
    expect(message).toContain('not set up correctly');
    expect(message).toContain('key is not valid');
    expect(message).toContain(CALL_US);
    expect(retry).toBe(false);
  });

  it('says this website may not use the estimator for a 403', () => {
    const { message, retry } = describeFailure(httpFailure(403));
    expect(message).toContain('not allowed to use this estimator');
    expect(message).toContain(CALL_US);
    expect(retry).toBe(false);
  });

  it('asks to choose the plan again for a 404', () => {
    const { message, retry } = describeFailure(httpFailure(404));
    expect(message).toContain('no longer offered');
    expect(message).toContain('choose your plan again');
    expect(retry).toBe(false);
  });

  it('says the care cannot be estimated online for a 422', () => {
    const { message, retry } = describeFailure(httpFailure(422));
    expect(message).toContain('cannot estimate this care online');
    expect(message).toContain(CALL_US);
    expect(retry).toBe(false);
  });

  it('gives the seconds to wait from the Retry-After header for a 429', () => {
    expect(describeFailure(httpFailure(429, tooMany(), 7))).toEqual({
      message: 'Too many estimates were asked for in a short time. Please try again in 7 seconds.',
      retry: true,
    });
  });

  it('says “1 second”, not “1 seconds”', () => {
    const { message } = describeFailure(httpFailure(429, undefined, 1));
    expect(message).toContain('try again in 1 second.');
    expect(message).not.toContain('seconds');
  });

  it('falls back on the seconds in the body of a 429', () => {
    expect(describeFailure(httpFailure(429, tooMany({ retryAfterSeconds: 30 }))).message).toContain(
      'try again in 30 seconds.',
    );
  });

  it('prefers the Retry-After header to the body of a 429', () => {
    expect(describeFailure(httpFailure(429, tooMany({ retryAfterSeconds: 30 }), 5)).message).toContain(
      'try again in 5 seconds.',
    );
  });

  it('asks to wait a minute for a 429 without any seconds', () => {
    const { message, retry } = describeFailure(httpFailure(429));
    expect(message).toContain('try again in a minute.');
    expect(retry).toBe(true);
  });

  it.each([500, 502, 503, 504])('blames our side and allows a retry for a %p', (status) => {
    const { message, retry } = describeFailure(httpFailure(status));
    expect(message).toContain('Something went wrong on our side');
    expect(message).toContain(CALL_US);
    expect(retry).toBe(true);
  });

  it.each<ApiFailure>([
    { kind: 'network' },
    { kind: 'timeout' },
    httpFailure(400),
    httpFailure(400, validationError),
    httpFailure(401),
    httpFailure(403),
    httpFailure(404),
    httpFailure(409),
    httpFailure(422),
    httpFailure(429),
    httpFailure(429, undefined, 0),
    httpFailure(500),
    httpFailure(503),
    httpFailure(0),
  ])('never gives an empty or technical message (%p)', (failure) => {
    const { message } = describeFailure(failure);
    expect(message.trim()).not.toBe('');
    expect(message).not.toMatch(/undefined|null|\[object|Error/);
  });
});
