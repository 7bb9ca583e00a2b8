/** An amount of money in integer US cents. Never a float number of dollars. */
export type Cents = number;

/** Whether `value` is a usable amount: a non-negative safe integer number of cents. */
export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * A percentage (0–100, at most 2 decimals) as integer basis points: 12.34 → 1234. Percentages are
 * converted once, here, so every later step is integer arithmetic.
 * @throws RangeError when the percentage is not finite, is outside 0–100 or has more than 2 decimals.
 */
export function percentToBasisPoints(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`A percentage must be between 0 and 100, got ${percent}`);
  }
  const basisPoints = Math.round(percent * 100);
  // 12.34 * 100 is 1233.9999999999998 in floating point; rounding recovers 1234, and dividing back tells
  // whether the input really had at most two decimals (1234 / 100 is the same double as 12.34).
  if (basisPoints / 100 !== percent) {
    throw new RangeError(`A percentage may have at most 2 decimals, got ${percent}`);
  }
  return basisPoints;
}

/**
 * `amountCents × basisPoints / 10,000`, rounded half up to a whole cent.
 *
 * THE rounding rule of Continuum: every percentage of money (coinsurance, a sliding-scale discount) is
 * taken per service line with this function, and the line results are summed as they are. Never round a
 * total a second time. Integer arithmetic only, so 333¢ × 20% is exactly 66.6¢ → 67¢.
 * @throws RangeError for a negative or non-integer input, or when the product would lose precision.
 */
export function applyBasisPoints(amountCents: Cents, basisPoints: number): Cents {
  if (!isCents(amountCents)) {
    throw new RangeError(`An amount must be a non-negative whole number of cents, got ${String(amountCents)}`);
  }
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`Basis points must be a non-negative integer, got ${basisPoints}`);
  }
  const scaled = amountCents * basisPoints + 5_000;
  if (!Number.isSafeInteger(scaled)) {
    throw new RangeError(`${amountCents} cents × ${basisPoints} basis points is too large to compute exactly`);
  }
  return Math.floor(scaled / 10_000);
}

/** Cents as US dollars for people to read: 300000 → "$3,000.00", -1250 → "-$12.50". */
export function formatDollars(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`An amount must be a whole number of cents, got ${cents}`);
  }
  const absolute = Math.abs(cents);
  const dollars = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const remainder = String(absolute % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}$${dollars}.${remainder}`;
}
