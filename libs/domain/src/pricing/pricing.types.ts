import type { Cents } from '../money';

export type NetworkTier = 'in' | 'out';
export type CopayPer = 'day' | 'session' | 'admission';

/** What the plan pays for one level of care in one network tier (coinsurance in basis points). */
export interface BenefitTerms {
  covered: boolean;
  copayCents: Cents;
  copayPer: CopayPer;
  /** The copay is owed even before the deductible is met. Otherwise it starts once the deductible is met. */
  copayBeforeDeductible: boolean;
  deductibleApplies: boolean;
  coinsuranceBp: number;
  maxUnitsPerYear: number | null;
}

/** A network tier's deductible and out-of-pocket maximum. */
export interface NetworkTerms {
  deductible: { individualCents: Cents; familyCents: Cents };
  /** Embedded: each member's own deductible is met within the family one. Otherwise only the family total counts. */
  deductibleEmbedded: boolean;
  outOfPocketMax: { individualCents: Cents; familyCents: Cents };
}

/**
 * What a patient has already met this plan year in one network tier. Family amounts are present only for
 * family coverage; without them the patient is priced on individual coverage.
 */
export interface Accumulators {
  deductibleMetCents: Cents;
  outOfPocketMetCents: Cents;
  familyDeductibleMetCents?: Cents;
  familyOutOfPocketMetCents?: Cents;
  /** Units of this level already used this plan year (against `maxUnitsPerYear`). */
  unitsUsedThisYear?: number;
}

export interface InsuredPricingInput {
  units: number;
  /** These units continue a stay begun in an earlier call (a new plan year): no second per-admission copay. */
  continuesStay?: boolean;
  network: NetworkTier;
  /** The provider's gross charge per unit. */
  chargeCentsPerUnit: Cents;
  /** In network: the contracted rate; out of network: the plan's allowed amount per unit. */
  allowedCentsPerUnit: Cents;
  /** Out of network: may the provider bill the patient the difference between charge and allowed? */
  balanceBillingAllowed: boolean;
  benefit: BenefitTerms;
  terms: NetworkTerms;
  accumulators: Accumulators;
}

/** One unit's money, every part in integer cents. `planPays + patient = allowed + balanceBill + nonCovered`. */
export interface PricedUnit {
  /** 1-based position of the unit in what was priced. */
  unit: number;
  chargeCents: Cents;
  allowedCents: Cents;
  copayCents: Cents;
  deductibleCents: Cents;
  coinsuranceCents: Cents;
  balanceBillCents: Cents;
  nonCoveredCents: Cents;
  planPaysCents: Cents;
  patientCents: Cents;
  /** What happened, for people: `deductible met`, `out-of-pocket maximum reached`, `beyond the 30-day limit`. */
  notes: string[];
}

export interface PriceTotals {
  units: number;
  chargeCents: Cents;
  allowedCents: Cents;
  copayCents: Cents;
  deductibleCents: Cents;
  coinsuranceCents: Cents;
  balanceBillCents: Cents;
  nonCoveredCents: Cents;
  planPaysCents: Cents;
  patientCents: Cents;
}

export interface InsuredPricingResult {
  units: PricedUnit[];
  totals: PriceTotals;
  /** The accumulators after these units, to carry into the next step of an episode. */
  accumulatorsAfter: Accumulators;
}
