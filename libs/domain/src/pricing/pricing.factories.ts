import type { BenefitTerms, InsuredPricingInput, NetworkTerms } from './pricing.types';

/**
 * Test data for the pricing specs (not exported from the library). Every call builds fresh objects, so no
 * spec can change another's fixture. The defaults are an in-network PPO tier: $1,500 / $3,000 deductible
 * (embedded), $6,000 / $12,000 out-of-pocket maximum, 20% coinsurance, no copay, no unit limit, individual
 * coverage with nothing met yet.
 */
export interface InsuredInputOverrides extends Partial<Omit<InsuredPricingInput, 'benefit' | 'terms'>> {
  benefit?: Partial<BenefitTerms>;
  terms?: Partial<NetworkTerms>;
}

export function benefitTerms(overrides: Partial<BenefitTerms> = {}): BenefitTerms {
  return {
    covered: true,
    copayCents: 0,
    copayPer: 'day',
    copayBeforeDeductible: false,
    deductibleApplies: true,
    coinsuranceBp: 2_000,
    maxUnitsPerYear: null,
    ...overrides,
  };
}

export function networkTerms(overrides: Partial<NetworkTerms> = {}): NetworkTerms {
  return {
    deductible: { individualCents: 150_000, familyCents: 300_000 },
    deductibleEmbedded: true,
    outOfPocketMax: { individualCents: 600_000, familyCents: 1_200_000 },
    ...overrides,
  };
}

/** `accumulators` replaces the default as a whole: whether family amounts are present decides the coverage. */
export function insuredInput(overrides: InsuredInputOverrides = {}): InsuredPricingInput {
  const { benefit, terms, ...rest } = overrides;
  return {
    units: 1,
    network: 'in',
    chargeCentsPerUnit: 45_000,
    allowedCentsPerUnit: 32_000,
    balanceBillingAllowed: false,
    accumulators: { deductibleMetCents: 0, outOfPocketMetCents: 0 },
    ...rest,
    benefit: benefitTerms(benefit),
    terms: networkTerms(terms),
  };
}
