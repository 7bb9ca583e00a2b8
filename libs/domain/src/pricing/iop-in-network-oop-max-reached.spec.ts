import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';

/*
 * IOP, 36 session days in network, allowed $320/day. The $1,500 deductible is already met and $2,500 of
 * the $3,000 out-of-pocket maximum too, so 50,000¢ remain. $20 copay per day (after the deductible, which
 * is met) and 20% coinsurance.
 *
 * Days 1–6: copay 2,000¢ + coinsurance 20% × (32,000 − 2,000) = 6,000¢ → 8,000¢ a day, 48,000¢ in all.
 *           2,000¢ of the maximum remain.
 * Day 7:    copay 2,000 + coinsurance 6,000 = 8,000¢ is 6,000¢ over: the cap trims coinsurance first
 *           (6,000 → 0), so the copay of 2,000¢ stays. Plan 30,000¢.
 * Days 8–36 (29 days): the maximum is reached; the plan pays all 32,000¢.
 * Totals: copay 7 × 2,000 = 14,000¢, coinsurance 6 × 6,000 = 36,000¢, patient 50,000¢ (exactly what
 * remained). Allowed 36 × 32,000 = 1,152,000¢; plan 1,102,000¢.
 */
describe('IOP in network: the out-of-pocket maximum is reached on day 7', () => {
  const result = priceInsured(
    insuredInput({
      units: 36,
      allowedCentsPerUnit: 32_000,
      chargeCentsPerUnit: 32_000,
      benefit: { copayCents: 2_000, copayPer: 'day', copayBeforeDeductible: false },
      terms: {
        deductible: { individualCents: 150_000, familyCents: 300_000 },
        deductibleEmbedded: true,
        outOfPocketMax: { individualCents: 300_000, familyCents: 600_000 },
      },
      accumulators: { deductibleMetCents: 150_000, outOfPocketMetCents: 250_000 },
    }),
  );

  it('charges copay and coinsurance on days 1–6', () => {
    for (const day of result.units.slice(0, 6)) {
      expect(day).toMatchObject({
        copayCents: 2_000,
        deductibleCents: 0,
        coinsuranceCents: 6_000,
        patientCents: 8_000,
      });
    }
  });

  it('trims coinsurance before copay on day 7, when the maximum is reached', () => {
    expect(result.units[6]).toEqual({
      unit: 7,
      chargeCents: 32_000,
      allowedCents: 32_000,
      copayCents: 2_000,
      deductibleCents: 0,
      coinsuranceCents: 0,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 30_000,
      patientCents: 2_000,
      notes: ['out-of-pocket maximum reached: the plan pays the rest'],
    });
  });

  it('has the plan pay 100% of allowed on days 8–36', () => {
    const afterCap = result.units.slice(7);
    expect(afterCap).toHaveLength(29);
    for (const day of afterCap) {
      expect(day).toMatchObject({ copayCents: 0, coinsuranceCents: 0, patientCents: 0, planPaysCents: 32_000 });
    }
  });

  it('totals exactly the 50,000¢ that remained', () => {
    expect(result.totals).toEqual({
      units: 36,
      chargeCents: 1_152_000,
      allowedCents: 1_152_000,
      copayCents: 14_000,
      deductibleCents: 0,
      coinsuranceCents: 36_000,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 1_102_000,
      patientCents: 50_000,
    });
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 150_000,
      outOfPocketMetCents: 300_000,
      unitsUsedThisYear: 36,
    });
  });
});
