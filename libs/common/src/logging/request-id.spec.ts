import { resolveRequestId } from './request-id';

describe('resolveRequestId', () => {
  it('keeps a caller id made of safe characters', () => {
    expect(resolveRequestId('ehr-7f3a9c01.retry_2')).toBe('ehr-7f3a9c01.retry_2');
  });

  it('takes the first of repeated headers', () => {
    expect(resolveRequestId(['first-id-0001', 'second-id-0002'])).toBe('first-id-0001');
  });

  it.each([undefined, '', 'short', 'has space in it', 'line\nbreak-123456', 'x'.repeat(129)])(
    'replaces %j with a fresh UUID',
    (incoming) =>
      expect(resolveRequestId(incoming)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
  );
});
