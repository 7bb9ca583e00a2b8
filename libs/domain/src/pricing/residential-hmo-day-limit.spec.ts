import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';
import type { InsuredPricingInput } from './pricing.types';

/*
 * Residential treatment, 45 days in network on an HMO that covers 30 residential days a year. Charge
 * $1,500/day, contracted rate $900/day, $500 deductible, 10% coinsurance, $4,000 out-of-pocket maximum.
 *
 * Day 1:      deductible 50,000¢ (met), coinsurance 10% × 40,000 = 4,000¢ → patient 54,000¢.
 * Days 2–30:  coinsurance 10% × 90,000 = 9,000¢ → 29 × 9,000 = 261,000¢.
 *             Cost sharing 50,000 + 4,000 + 261,000 = 315,000¢ (below the 400,000¢ maximum).
 * Days 31–45: beyond the limit, non-covered at the charge: 15 × 150,000 = 2,250,000¢; they do not count
 *             toward the deductible or the out-of-pocket maximum.
 * Patient 315,000 + 2,250,000 = 2,565,000¢. Allowed 30 × 90,000 = 2,700,000¢; plan 2,700,000 − 315,000
 * = 2,385,000¢. Check: 2,385,000 + 2,565,000 = 2,700,000 + 2,250,000.
 */
describe('Residential on an HMO with a 30-day yearly limit: 45 days, 15 of them non-covered', () => {
  const stay = (overrides: Partial<InsuredPricingInput> = {}): InsuredPricingInput =>
    insuredInput({
      units: 45,
      chargeCentsPerUnit: 150_000,
      allowedCentsPerUnit: 90_000,
      benefit: { coinsuranceBp: 1_000, maxUnitsPerYear: 30 },
      terms: {
        deductible: { individualCents: 50_000, familyCents: 100_000 },
        deductibleEmbedded: true,
        outOfPocketMax: { individualCents: 400_000, familyCents: 800_000 },
      },
      ...overrides,
    });

  it('covers days 1–30 and charges days 31–45 at the full charge', () => {
    const { units } = priceInsured(stay());
    expect(units[0]).toMatchObject({ deductibleCents: 50_000, coinsuranceCents: 4_000, patientCents: 54_000 });
    expect(units[29]).toMatchObject({ unit: 30, coinsuranceCents: 9_000, patientCents: 9_000, planPaysCents: 81_000 });
    expect(units[30]).toEqual({
      unit: 31,
      chargeCents: 150_000,
      allowedCents: 0,
      copayCents: 0,
      deductibleCents: 0,
      coinsuranceCents: 0,
      balanceBillCents: 0,
      nonCoveredCents: 150_000,
      planPaysCents: 0,
      patientCents: 150_000,
      notes: ["beyond the plan's 30-unit yearly limit"],
    });
    expect(units.filter((day) => day.nonCoveredCents === 150_000).map((day) => day.unit)).toEqual([
      31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,
    ]);
  });

  it('totals 2,565,000¢ for the patient, 2,250,000¢ of it non-covered', () => {
    const result = priceInsured(stay());
    expect(result.totals).toEqual({
      units: 45,
      chargeCents: 6_750_000,
      allowedCents: 2_700_000,
      copayCents: 0,
      deductibleCents: 50_000,
      coinsuranceCents: 265_000,
      balanceBillCents: 0,
      nonCoveredCents: 2_250_000,
      planPaysCents: 2_385_000,
      patientCents: 2_565_000,
    });
    // Non-covered days count as used, but not toward the out-of-pocket maximum.
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 50_000,
      outOfPocketMetCents: 315_000,
      unitsUsedThisYear: 45,
    });
  });

  /*
   * 10 days already used this year: 20 covered days remain. Day 1 as above (54,000¢), days 2–20:
   * 19 × 9,000 = 171,000¢ → sharing 225,000¢. Days 21–45: 25 × 150,000 = 3,750,000¢ non-covered.
   * Patient 3,975,000¢; allowed 20 × 90,000 = 1,800,000¢; plan 1,575,000¢.
   */
  it('counts days already used this year against the limit', () => {
    const { totals } = priceInsured(
      stay({ accumulators: { deductibleMetCents: 0, outOfPocketMetCents: 0, unitsUsedThisYear: 10 } }),
    );
    expect(totals).toEqual({
      units: 45,
      chargeCents: 6_750_000,
      allowedCents: 1_800_000,
      copayCents: 0,
      deductibleCents: 50_000,
      coinsuranceCents: 175_000,
      balanceBillCents: 0,
      nonCoveredCents: 3_750_000,
      planPaysCents: 1_575_000,
      patientCents: 3_975_000,
    });
  });
});
