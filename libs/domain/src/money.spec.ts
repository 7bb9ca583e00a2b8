import { applyBasisPoints, formatDollars, isCents, percentToBasisPoints } from './money';

describe('isCents', () => {
  it.each([0, 1, 250_000, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(isCents(value)).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '100', null, undefined])(
    'rejects %p',
    (value) => {
      expect(isCents(value)).toBe(false);
    },
  );
});

describe('percentToBasisPoints', () => {
  it.each([
    [0, 0],
    [20, 2_000],
    [12.34, 1_234],
    [0.01, 1],
    [33.33, 3_333],
    [99.99, 9_999],
    [100, 10_000],
  ])('converts %p% to %p basis points', (percent, basisPoints) => {
    expect(percentToBasisPoints(percent)).toBe(basisPoints);
  });

  it.each([12.345, 0.001, 33.333])('refuses %p, which has more than 2 decimals', (percent) => {
    expect(() => percentToBasisPoints(percent)).toThrow(RangeError);
  });

  it.each([-0.01, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p, outside 0–100', (percent) => {
    expect(() => percentToBasisPoints(percent)).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it('rounds half up: 333¢ × 20% = 66.6¢ → 67¢', () => {
    expect(applyBasisPoints(333, 2_000)).toBe(67);
  });

  it('rounds an exact half up: 25¢ × 50% = 12.5¢ → 13¢', () => {
    expect(applyBasisPoints(25, 5_000)).toBe(13);
  });

  it('rounds below a half down: 333¢ × 10% = 33.3¢ → 33¢', () => {
    expect(applyBasisPoints(333, 1_000)).toBe(33);
  });

  it('has no floating-point error: 90¢ × 35% = 31.5¢ → 32¢ (90 * 0.35 is 31.499999999999996 in floats)', () => {
    expect(applyBasisPoints(90, 3_500)).toBe(32);
  });

  it('keeps whole amounts at 0% and 100%', () => {
    expect(applyBasisPoints(123_456, 0)).toBe(0);
    expect(applyBasisPoints(123_456, 10_000)).toBe(123_456);
  });

  it('refuses negative or fractional inputs', () => {
    expect(() => applyBasisPoints(-1, 2_000)).toThrow(RangeError);
    expect(() => applyBasisPoints(100.5, 2_000)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 20.5)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, -1)).toThrow(RangeError);
  });

  it('refuses a product that would lose precision', () => {
    expect(() => applyBasisPoints(Number.MAX_SAFE_INTEGER, 10_000)).toThrow(RangeError);
  });
});

describe('formatDollars', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [250, '$2.50'],
    [288_000, '$2,880.00'],
    [300_000, '$3,000.00'],
    [123_456_789, '$1,234,567.89'],
    [-1_250, '-$12.50'],
  ])('formats %p cents as %p', (cents, text) => {
    expect(formatDollars(cents)).toBe(text);
  });

  it('refuses a fraction of a cent', () => {
    expect(() => formatDollars(1.5)).toThrow(RangeError);
  });
});
