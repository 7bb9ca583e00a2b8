import { type CatalogProblem } from './catalog-problems';
import { deepFreeze } from './deep-freeze';
import { type Cents, isCents } from './money';

/**
 * One pay class of a sliding-fee schedule. It applies to a percent of poverty p when
 * `minPercent < p ≤ maxPercent`; the first band (minPercent 0) also takes p = 0, and a null maxPercent
 * means no upper bound. A band either discounts the charge (`discountPercent`, 0–100) or replaces it
 * with a nominal fee per unit (`nominalFeeCents`), never both.
 */
export interface SlidingScaleBand {
  minPercent: number;
  maxPercent: number | null;
  discountPercent?: number;
  nominalFeeCents?: Cents;
}

/**
 * Everything wrong with a band list, as catalog problems with fields like `bands[2].minPercent` (empty
 * when usable). A usable list starts at 0%, each band starts where the previous one ends, and only the
 * last band is open-ended, so every percent of poverty falls in exactly one band.
 */
export function validateSlidingScaleBands(bands: readonly SlidingScaleBand[]): CatalogProblem[] {
  if (bands.length === 0) {
    return [{ field: 'bands', message: 'at least one band is required' }];
  }
  const problems: CatalogProblem[] = [];
  bands.forEach((band, index) => {
    const at = `bands[${index}]`;
    const minIsValid = isPercentBound(band.minPercent);
    const maxIsValid = band.maxPercent === null || isPercentBound(band.maxPercent);
    if (!minIsValid) {
      problems.push({ field: `${at}.minPercent`, message: 'must be a finite number ≥ 0' });
    }
    if (!maxIsValid) {
      problems.push({ field: `${at}.maxPercent`, message: 'must be a finite number ≥ 0, or null for no upper bound' });
    }

    if (index === 0) {
      if (minIsValid && band.minPercent !== 0) {
        problems.push({
          field: `${at}.minPercent`,
          message: `the first band must start at 0%, not ${band.minPercent}%`,
        });
      }
    } else {
      const previousMax = bands[index - 1]?.maxPercent;
      if (minIsValid && typeof previousMax === 'number' && isPercentBound(previousMax)) {
        if (band.minPercent > previousMax) {
          problems.push({
            field: `${at}.minPercent`,
            message: `leaves a gap between ${previousMax}% and ${band.minPercent}%`,
          });
        } else if (band.minPercent < previousMax) {
          problems.push({
            field: `${at}.minPercent`,
            message: `overlaps the previous band (which ends at ${previousMax}%)`,
          });
        }
      }
    }

    const isLast = index === bands.length - 1;
    if (band.maxPercent === null) {
      if (!isLast) {
        problems.push({ field: `${at}.maxPercent`, message: 'only the last band may have no upper bound (null)' });
      }
    } else {
      if (maxIsValid && minIsValid && band.maxPercent <= band.minPercent) {
        problems.push({
          field: `${at}.maxPercent`,
          message: `must be greater than minPercent (${band.minPercent}%)`,
        });
      }
      if (isLast) {
        problems.push({
          field: `${at}.maxPercent`,
          message: "bands must reach infinity: the last band's maxPercent must be null",
        });
      }
    }

    problems.push(...chargeProblems(band, at));
  });
  return problems;
}

function chargeProblems(band: SlidingScaleBand, at: string): CatalogProblem[] {
  const hasDiscount = band.discountPercent !== undefined && band.discountPercent !== null;
  const hasFee = band.nominalFeeCents !== undefined && band.nominalFeeCents !== null;
  if (hasDiscount && hasFee) {
    return [{ field: at, message: 'must have either discountPercent or nominalFeeCents, not both' }];
  }
  if (!hasDiscount && !hasFee) {
    return [{ field: at, message: 'must have a discountPercent or a nominalFeeCents' }];
  }
  if (hasDiscount && !isDiscountPercent(band.discountPercent)) {
    return [{ field: `${at}.discountPercent`, message: 'must be between 0 and 100 with at most 2 decimals' }];
  }
  if (hasFee && !isCents(band.nominalFeeCents)) {
    return [{ field: `${at}.nominalFeeCents`, message: 'must be a whole number of cents ≥ 0' }];
  }
  return [];
}

function isPercentBound(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isDiscountPercent(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= 100 &&
    Math.round(value * 100) / 100 === value
  );
}

/**
 * The band a percent of poverty falls in, with its position in the list. Expects bands that passed
 * `validateSlidingScaleBands`.
 * @throws RangeError for a negative or non-finite percent, or one no band covers.
 */
export function bandFor(
  bands: readonly SlidingScaleBand[],
  povertyPercent: number,
): { index: number; band: SlidingScaleBand } {
  if (!Number.isFinite(povertyPercent) || povertyPercent < 0) {
    throw new RangeError(`A percent of poverty must be a finite number ≥ 0, got ${povertyPercent}`);
  }
  const index = bands.findIndex(
    (band, position) =>
      (position === 0 ? povertyPercent >= band.minPercent : povertyPercent > band.minPercent) &&
      (band.maxPercent === null || povertyPercent <= band.maxPercent),
  );
  const band = bands[index];
  if (band === undefined) {
    throw new RangeError(`No sliding-scale band covers ${povertyPercent}% of poverty`);
  }
  return { index, band };
}

/**
 * The default policy, in the HRSA pattern: at or below 100% of poverty a nominal fee of $25 per unit
 * (day or session); three graduated discounts up to 200%; no discount above 200%. 133 and 166 split
 * 100–200% into roughly equal thirds.
 */
export const DEFAULT_SLIDING_SCALE_BANDS: readonly SlidingScaleBand[] = deepFreeze([
  { minPercent: 0, maxPercent: 100, nominalFeeCents: 2_500 },
  { minPercent: 100, maxPercent: 133, discountPercent: 75 },
  { minPercent: 133, maxPercent: 166, discountPercent: 50 },
  { minPercent: 166, maxPercent: 200, discountPercent: 25 },
  { minPercent: 200, maxPercent: null, discountPercent: 0 },
]);
