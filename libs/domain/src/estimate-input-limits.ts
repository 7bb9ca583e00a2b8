import { addDays, daysBetween } from './date-only';

/**
 * What a person may enter for an estimate. The API's validation and the admissions estimator page both use
 * these, so the page refuses exactly what the API would.
 */
export const ESTIMATE_INPUT_LIMITS = {
  householdSize: { min: 1, max: 20 },
  /** Yearly household income, in cents ($100,000,000: anything above is a typo). */
  maxAnnualIncomeCents: 10_000_000_000,
  /** Any single amount (a price, or what was already paid toward a deductible): $1,000,000 at most. */
  maxAmountCents: 100_000_000,
} as const;

/**
 * How far from today a course may start: an estimate is for care about to happen (or just begun), so a
 * date outside this window is a typing mistake (9999-12-31), not a plan. Days, relative to the caller's today.
 */
export const SERVICE_START_WINDOW_DAYS = { before: 366, after: 2 * 366 } as const;

/**
 * Why `serviceStartDate` is outside the window around `today` (both `YYYY-MM-DD`), or undefined when it is
 * inside. `today` is a parameter so callers inject their clock.
 */
export function serviceStartDateProblem(serviceStartDate: string, today: string): string | undefined {
  const offset = daysBetween(today, serviceStartDate);
  if (offset < -SERVICE_START_WINDOW_DAYS.before) {
    return `must be on or after ${addDays(today, -SERVICE_START_WINDOW_DAYS.before)} (at most ${SERVICE_START_WINDOW_DAYS.before} days ago)`;
  }
  if (offset > SERVICE_START_WINDOW_DAYS.after) {
    return `must be on or before ${addDays(today, SERVICE_START_WINDOW_DAYS.after)} (at most ${SERVICE_START_WINDOW_DAYS.after} days ahead)`;
  }
  return undefined;
}
