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
