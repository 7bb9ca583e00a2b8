import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';

/*
 * IOP, 36 session days in network. Allowed $320/day (charge $450/day), $1,500 individual deductible with
 * nothing met, 20% coinsurance, no copay, $6,000 out-of-pocket maximum, individual coverage.
 *
 * Days 1–4: the deductible takes the whole allowed amount: 4 × 32,000 = 128,000¢. 22,000¢ are left.
 * Day 5:   deductible 22,000¢ (met), coinsurance 20% × (32,000 − 22,000) = 2,000¢ → patient 24,000¢.
 * Days 6–36 (31 days): coinsurance 20% × 32,000 = 6,400¢ → 31 × 6,400 = 198,400¢.
 * Totals: deductible 150,000¢, coinsurance 2,000 + 198,400 = 200,400¢, patient 350,400¢ (below the
 * $6,000 maximum, so no cap). Allowed 36 × 32,000 = 1,152,000¢; plan 1,152,000 − 350,400 = 801,600¢.
 * Charge 36 × 45,000 = 1,620,000¢; in network the 468,000¢ above the allowed amount is written off.
 */
describe('IOP in network: the deductible is crossed on day 5', () => {
  const result = priceInsured(insuredInput({ units: 36, chargeCentsPerUnit: 45_000, allowedCentsPerUnit: 32_000 }));

  it('charges the whole allowed amount to the deductible on days 1–4', () => {
    for (const day of result.units.slice(0, 4)) {
      expect(day).toMatchObject({
        deductibleCents: 32_000,
        coinsuranceCents: 0,
        patientCents: 32_000,
        planPaysCents: 0,
      });
    }
  });

  it('splits day 5 between the last 22,000¢ of deductible and coinsurance on the rest', () => {
    expect(result.units[4]).toEqual({
      unit: 5,
      chargeCents: 45_000,
      allowedCents: 32_000,
      copayCents: 0,
      deductibleCents: 22_000,
      coinsuranceCents: 2_000,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 8_000,
      patientCents: 24_000,
      notes: ['deductible met'],
    });
  });

  it('charges 20% coinsurance only from day 6 to day 36', () => {
    const afterDay5 = result.units.slice(5);
    expect(afterDay5).toHaveLength(31);
    for (const day of afterDay5) {
      expect(day).toMatchObject({
        deductibleCents: 0,
        coinsuranceCents: 6_400,
        patientCents: 6_400,
        planPaysCents: 25_600,
      });
    }
  });

  it('totals 350,400¢ for the patient and 801,600¢ for the plan', () => {
    expect(result.totals).toEqual({
      units: 36,
      chargeCents: 1_620_000,
      allowedCents: 1_152_000,
      copayCents: 0,
      deductibleCents: 150_000,
      coinsuranceCents: 200_400,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 801_600,
      patientCents: 350_400,
    });
  });

  it('carries the met deductible and out-of-pocket amounts forward', () => {
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 150_000,
      outOfPocketMetCents: 350_400,
      unitsUsedThisYear: 36,
    });
  });
});
