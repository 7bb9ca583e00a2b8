import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes a value through when it arrives in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, 'answer')).resolves.toBe(42);
  });

  it('passes a rejection through unchanged', async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000, 'answer')).rejects.toThrow('refused');
  });

  it('rejects with a TimeoutError naming what it waited for', async () => {
    const never = new Promise<never>(() => undefined);
    const outcome = withTimeout(never, 10, 'redis ping');
    await expect(outcome).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(never, 10, 'redis ping')).rejects.toThrow('redis ping: no answer within 10 ms');
  });
});
