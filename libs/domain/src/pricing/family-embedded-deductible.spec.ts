import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';

/*
 * Family coverage with an embedded deductible: $1,500 individual / $3,000 family deductible, $6,000 /
 * $12,000 out-of-pocket maximum. This member has met 20,000¢ of the deductible (130,000¢ left), but the
 * family has met 260,000¢, so only 40,000¢ of the family deductible is left: the smaller one applies.
 * IOP, 10 days in network, allowed $320/day, 20% coinsurance.
 *
 * Day 1:     deductible 32,000¢ (8,000¢ left).
 * Day 2:     deductible 8,000¢ (family deductible met); coinsurance 20% × 24,000 = 4,800¢ → 12,800¢.
 * Days 3–10: coinsurance 6,400¢ each → 51,200¢.
 * Totals: deductible 40,000¢, coinsurance 56,000¢, patient 96,000¢; allowed 320,000¢, plan 224,000¢.
 * (On individual coverage, with 130,000¢ of deductible left, days 1–4 would be 128,000¢ of deductible.)
 */
describe('Family coverage, embedded deductible: the family remainder is smaller than the individual one', () => {
  const result = priceInsured(
    insuredInput({
      units: 10,
      allowedCentsPerUnit: 32_000,
      accumulators: {
        deductibleMetCents: 20_000,
        outOfPocketMetCents: 20_000,
        familyDeductibleMetCents: 260_000,
        familyOutOfPocketMetCents: 260_000,
      },
    }),
  );

  it('stops the deductible once the family deductible is met, on day 2', () => {
    expect(result.units.map((day) => day.deductibleCents)).toEqual([32_000, 8_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.units[1]).toMatchObject({ coinsuranceCents: 4_800, patientCents: 12_800, notes: ['deductible met'] });
  });

  it('totals 96,000¢ for the patient', () => {
    expect(result.totals).toEqual({
      units: 10,
      chargeCents: 450_000,
      allowedCents: 320_000,
      copayCents: 0,
      deductibleCents: 40_000,
      coinsuranceCents: 56_000,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 224_000,
      patientCents: 96_000,
    });
  });

  it('adds what the member paid to both the member and the family accumulators', () => {
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 60_000,
      outOfPocketMetCents: 116_000,
      familyDeductibleMetCents: 300_000,
      familyOutOfPocketMetCents: 356_000,
      unitsUsedThisYear: 10,
    });
  });

  /*
   * Family out-of-pocket maximum nearly met: 1,190,000¢ of 1,200,000¢, so 10,000¢ remain for the family
   * even though this member has 580,000¢ of room. Day 1: deductible 32,000¢ trimmed to 10,000¢; then nothing.
   */
  it('caps the member at the family out-of-pocket remainder when it is smaller', () => {
    const capped = priceInsured(
      insuredInput({
        units: 10,
        allowedCentsPerUnit: 32_000,
        accumulators: {
          deductibleMetCents: 20_000,
          outOfPocketMetCents: 20_000,
          familyDeductibleMetCents: 260_000,
          familyOutOfPocketMetCents: 1_190_000,
        },
      }),
    );
    expect(capped.units[0]).toMatchObject({ deductibleCents: 10_000, patientCents: 10_000, planPaysCents: 22_000 });
    expect(capped.totals).toMatchObject({ deductibleCents: 10_000, coinsuranceCents: 0, patientCents: 10_000 });
  });
});
