import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';
import type { InsuredPricingInput } from './pricing.types';

/*
 * A high-deductible plan with an aggregate (non-embedded) family deductible: $3,300 individual / $6,600
 * family deductible, $7,000 / $14,000 out-of-pocket maximum, 10% coinsurance, no copay. Only the family
 * total counts: this member has already paid 330,000¢ (a whole individual deductible), but the family has
 * met 400,000¢, so 260,000¢ of deductible are still owed.
 * IOP, 20 days in network, allowed $320/day.
 *
 * Days 1–8:   deductible 32,000¢ each = 256,000¢ (4,000¢ left).
 * Day 9:      deductible 4,000¢ (met); coinsurance 10% × 28,000 = 2,800¢ → 6,800¢.
 * Days 10–20: coinsurance 10% × 32,000 = 3,200¢ → 11 × 3,200 = 35,200¢.
 * Totals: deductible 260,000¢, coinsurance 38,000¢, patient 298,000¢; allowed 640,000¢, plan 342,000¢.
 */
describe('HDHP with an aggregate family deductible (not embedded)', () => {
  const course = (deductibleEmbedded: boolean): InsuredPricingInput =>
    insuredInput({
      units: 20,
      allowedCentsPerUnit: 32_000,
      benefit: { coinsuranceBp: 1_000 },
      terms: {
        deductible: { individualCents: 330_000, familyCents: 660_000 },
        deductibleEmbedded,
        outOfPocketMax: { individualCents: 700_000, familyCents: 1_400_000 },
      },
      accumulators: {
        deductibleMetCents: 330_000,
        outOfPocketMetCents: 330_000,
        familyDeductibleMetCents: 400_000,
        familyOutOfPocketMetCents: 450_000,
      },
    });

  it('keeps charging the deductible until the family total is met, past the individual amount', () => {
    const result = priceInsured(course(false));
    expect(result.units.map((day) => day.deductibleCents)).toEqual([
      32_000, 32_000, 32_000, 32_000, 32_000, 32_000, 32_000, 32_000, 4_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(result.units[8]).toMatchObject({ coinsuranceCents: 2_800, patientCents: 6_800, notes: ['deductible met'] });
    expect(result.totals).toEqual({
      units: 20,
      chargeCents: 900_000,
      allowedCents: 640_000,
      copayCents: 0,
      deductibleCents: 260_000,
      coinsuranceCents: 38_000,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 342_000,
      patientCents: 298_000,
    });
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 590_000,
      outOfPocketMetCents: 628_000,
      familyDeductibleMetCents: 660_000,
      familyOutOfPocketMetCents: 748_000,
      unitsUsedThisYear: 20,
    });
  });

  /*
   * The same accumulators with an embedded deductible: the member's own 330,000¢ is met, so no deductible;
   * coinsurance only, 20 × 3,200 = 64,000¢; plan 576,000¢.
   */
  it('would owe coinsurance only if the deductible were embedded', () => {
    const { totals } = priceInsured(course(true));
    expect(totals).toMatchObject({
      deductibleCents: 0,
      coinsuranceCents: 64_000,
      patientCents: 64_000,
      planPaysCents: 576_000,
    });
  });
});
