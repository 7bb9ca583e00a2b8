import type {
  Accumulators,
  CareUnit,
  LevelOfCare,
  NetworkTier,
  PovertyRegion,
  SelfPayPricingResult,
} from '@continuum/domain';

export type Schedule = { daysPerWeek: number; weeks: number } | { units: number };

export type Coverage =
  | {
      type: 'insured';
      planId: string;
      network: NetworkTier;
      /** What is already met this plan year in that network tier; missing means nothing yet (for the high end). */
      accumulators?: Omit<Accumulators, 'unitsUsedThisYear'>;
    }
  | { type: 'self_pay'; household: { size: number; annualIncomeCents: number; state: string } };

export interface EstimateRequest {
  levelOfCare: LevelOfCare;
  coverage: Coverage;
  schedule?: Schedule;
  /** YYYY-MM-DD; today (UTC) when absent. */
  serviceStartDate?: string;
}

export interface EstimateBreakdown {
  deductibleCents: number;
  copayCents: number;
  coinsuranceCents: number;
  balanceBillCents: number;
  nonCoveredCents: number;
  /** Self-pay: the sliding-scale discount off the cash price. */
  discountCents: number;
}

/** Consecutive units priced alike, with what each rule did to one of them and to all of them together. */
export interface EstimateLine {
  fromUnit: number;
  toUnit: number;
  units: number;
  /** First service date of the run. */
  fromDate: string;
  description: string;
  chargeCents: number;
  allowedCents: number;
  copayCents: number;
  deductibleCents: number;
  coinsuranceCents: number;
  balanceBillCents: number;
  nonCoveredCents: number;
  discountCents: number;
  planPaysCents: number;
  patientResponsibilityCents: number;
}

export interface SlidingScaleApplied {
  povertyPercent: number;
  guidelineYear: number;
  region: PovertyRegion;
  guidelineCents: number;
  band: { index: number; minPercent: number; maxPercent: number | null };
  discountPercent: number;
  nominalFeeCents: number | null;
}

export interface Estimate {
  levelOfCare: LevelOfCare;
  unit: CareUnit;
  units: number;
  schedule: Schedule | null;
  serviceStartDate: string;
  coverageType: Coverage['type'];
  totalChargeCents: number;
  allowedCents: number;
  planPaysCents: number;
  patientResponsibilityCents: number;
  breakdown: EstimateBreakdown;
  /** The patient's responsibility from the best to the worst plausible case (see `assumptions`). */
  range: { lowCents: number; highCents: number; lowUnits: number; highUnits: number };
  preAuthRequired: boolean;
  /** The plan limits days or visits for this level more strictly than comparable medical care. */
  parityConcern: boolean;
  slidingScale: SlidingScaleApplied | null;
  /**
   * Self-pay: how the cash price was reached before the sliding scale (`parts`: whole IOP programs at the
   * program price, days at the per-day cash price, or the full charge when that is lower) and
   * `reductionCents`, the drop from the full charge to that price (apart from `breakdown.discountCents`).
   * Null when insured.
   */
  selfPayPrice: Pick<SelfPayPricingResult, 'pricedBy' | 'parts' | 'reductionCents'> | null;
  /**
   * Self-pay: the poverty-guideline year used for the service date's year, and `missing` when that year's
   * table is not in the catalog so an older one stood in (also said in `assumptions`). Null when insured.
   */
  povertyGuidelines: { year: number; requestedYear: number; missing: boolean } | null;
  lines: EstimateLine[];
  assumptions: string[];
  disclaimer: string;
  catalogVersion: number;
  /** Insured: the accumulators after this course, to carry into a next step. */
  accumulatorsAfter: Omit<Accumulators, 'unitsUsedThisYear'> | null;
}
