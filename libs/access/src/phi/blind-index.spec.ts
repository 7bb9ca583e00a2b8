import { randomBytes } from 'node:crypto';
import { blindIndex, normalizeMemberId } from './blind-index';

describe('blindIndex', () => {
  const key = randomBytes(32);

  it('is stable for equal values and differs for different ones', () => {
    expect(blindIndex('W123456789', key)).toBe(blindIndex('W123456789', key));
    expect(blindIndex('W123456789', key)).not.toBe(blindIndex('W123456780', key));
    expect(blindIndex('W123456789', key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the key, so it cannot be recomputed from guesses without it', () => {
    expect(blindIndex('W123456789', key)).not.toBe(blindIndex('W123456789', randomBytes(32)));
  });

  it('indexes member ids written differently as the same id', () => {
    const index = (raw: string) => blindIndex(raw, key, normalizeMemberId);
    expect(index(' w12-345 6789 ')).toBe(index('W123456789'));
  });

  it('refuses a short key', () => {
    expect(() => blindIndex('W1', randomBytes(16))).toThrow('at least 32 bytes');
  });
});
