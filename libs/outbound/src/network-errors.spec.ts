import { describeNetworkError, networkErrorCode } from './network-errors';

const withCode = (code: string, message = `boom ${code} with 123-45-6789`): Error =>
  Object.assign(new Error(message), { code });

describe('network errors', () => {
  it('names a known code and keeps the code', () => {
    expect(describeNetworkError(withCode('ECONNREFUSED'))).toBe('connection refused (ECONNREFUSED)');
    expect(describeNetworkError(withCode('CERT_HAS_EXPIRED'))).toBe('TLS certificate expired (CERT_HAS_EXPIRED)');
  });

  it('says an unknown code and a parser error by their code only, never by the message', () => {
    expect(describeNetworkError(withCode('EWHATEVER'))).toBe('network error (EWHATEVER)');
    expect(describeNetworkError(withCode('HPE_INVALID_CONSTANT'))).toBe('invalid HTTP answer (HPE_INVALID_CONSTANT)');
    expect(describeNetworkError(new Error('no code, 123-45-6789'))).toBe('network error');
    expect(describeNetworkError('not an error')).toBe('network error');
  });

  it('finds the code on a cause or on the first error of an AggregateError', () => {
    expect(networkErrorCode(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }))).toBe('ECONNRESET');
    const perAddress = new AggregateError([new Error('no code'), withCode('EHOSTUNREACH'), withCode('ETIMEDOUT')]);
    expect(networkErrorCode(perAddress)).toBe('EHOSTUNREACH');
    expect(describeNetworkError(new Error('outer', { cause: perAddress }))).toBe('host unreachable (EHOSTUNREACH)');
  });
});
