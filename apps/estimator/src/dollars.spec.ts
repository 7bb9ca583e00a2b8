import { ESTIMATE_INPUT_LIMITS } from '@continuum/domain';
import { dollars, parseDollars } from './dollars';

describe('dollars', () => {
  it.each([
    [300_000, '$3,000'],
    [123_456, '$1,234.56'],
    [0, '$0'],
    [5, '$0.05'],
    [100, '$1'],
    [150, '$1.50'],
    [99_999, '$999.99'],
    [100_000_000_000, '$1,000,000,000'],
    [-1_250, '-$12.50'],
    [-300_000, '-$3,000'],
  ])('shows %p cents as %p', (cents, text) => {
    expect(dollars(cents)).toBe(text);
  });

  it('refuses a fraction of a cent instead of showing a wrong amount', () => {
    expect(() => dollars(1.5)).toThrow(RangeError);
  });
});

describe('parseDollars', () => {
  it.each([
    ['1,234.56', 123_456],
    ['$40,000', 4_000_000],
    ['0', 0],
    [' 12 ', 1_200],
    ['1234.5', 123_450],
    ['1234', 123_400],
    ['$1234.56', 123_456],
    ['$ 12', 1_200],
    ['1,000,000', 100_000_000],
    ['0.29', 29],
    ['19.99', 1_999],
    ['1.1', 110],
    ['007', 700],
    ['0.05', 5],
  ])('reads %p as %p cents', (text, cents) => {
    expect(parseDollars(text)).toEqual({ kind: 'amount', cents });
  });

  it.each(['-5', '1e5', '12.345', '1,23', 'abc', '$', '12.', '.5', '1,2345', '12,34,567', '1 000', '5$', '$-5', '½'])(
    'refuses %p',
    (text) => {
      expect(parseDollars(text)).toEqual({ kind: 'invalid' });
    },
  );

  it.each(['', ' ', '   ', '\t\n'])('says %p is empty rather than invalid', (text) => {
    expect(parseDollars(text)).toEqual({ kind: 'empty' });
  });

  it('keeps twelve whole digits exact', () => {
    expect(parseDollars('999999999999.99')).toEqual({ kind: 'amount', cents: 99_999_999_999_999 });
  });

  it.each(['99999999999999999999', '1,000,000,000,000,000,000', '123456789012345678901234567890.12'])(
    'reads the huge amount %p as a safe integer above every limit, never as a wrong small number',
    (text) => {
      const parsed = parseDollars(text);
      if (parsed.kind !== 'amount') throw new Error(`expected an amount, got ${parsed.kind}`);
      expect(Number.isSafeInteger(parsed.cents)).toBe(true);
      expect(parsed.cents).toBeGreaterThan(ESTIMATE_INPUT_LIMITS.maxAnnualIncomeCents);
      expect(parsed.cents).toBeGreaterThan(ESTIMATE_INPUT_LIMITS.maxAmountCents);
    },
  );

  it('does not count leading zeros as digits of a huge amount', () => {
    expect(parseDollars('0000000000000000012')).toEqual({ kind: 'amount', cents: 1_200 });
  });
});
