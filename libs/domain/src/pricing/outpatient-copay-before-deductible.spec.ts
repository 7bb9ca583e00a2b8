import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';
import type { BenefitTerms, InsuredPricingInput } from './pricing.types';

/*
 * Outpatient therapy, 12 weekly sessions in network. Charge $200/session, contracted rate $150/session,
 * $30 copay per session, $1,000 deductible, 20% coinsurance, $6,000 out-of-pocket maximum.
 */
describe('Outpatient sessions with a copay owed before the deductible', () => {
  const sessions = (benefit: Partial<BenefitTerms>): InsuredPricingInput =>
    insuredInput({
      units: 12,
      chargeCentsPerUnit: 20_000,
      allowedCentsPerUnit: 15_000,
      benefit: { copayCents: 3_000, copayPer: 'session', ...benefit },
      terms: {
        deductible: { individualCents: 100_000, familyCents: 200_000 },
        deductibleEmbedded: true,
        outOfPocketMax: { individualCents: 600_000, familyCents: 1_200_000 },
      },
    });

  /*
   * Sessions 1–8:   copay 3,000¢, deductible on the rest 12,000¢ → 15,000¢ each; 8 × 12,000 = 96,000¢ of
   *                 deductible, 4,000¢ left.
   * Session 9:      copay 3,000, deductible 4,000 (met), coinsurance 20% × 8,000 = 1,600 → 8,600¢.
   * Sessions 10–12: copay 3,000 + coinsurance 20% × 12,000 = 2,400 → 5,400¢ each, 16,200¢.
   * Totals: copay 36,000¢, deductible 100,000¢, coinsurance 1,600 + 7,200 = 8,800¢, patient 144,800¢.
   * Allowed 180,000¢; plan 35,200¢.
   */
  it('charges the copay on every session, the deductible on the rest, then coinsurance', () => {
    const result = priceInsured(sessions({ copayBeforeDeductible: true }));
    expect(result.units.map((session) => session.patientCents)).toEqual([
      15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 8_600, 5_400, 5_400, 5_400,
    ]);
    expect(result.units[8]).toMatchObject({
      copayCents: 3_000,
      deductibleCents: 4_000,
      coinsuranceCents: 1_600,
      planPaysCents: 6_400,
      notes: ['deductible met'],
    });
    expect(result.totals).toEqual({
      units: 12,
      chargeCents: 240_000,
      allowedCents: 180_000,
      copayCents: 36_000,
      deductibleCents: 100_000,
      coinsuranceCents: 8_800,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 35_200,
      patientCents: 144_800,
    });
  });

  /*
   * The same plan with the copay waiting for the deductible:
   * Sessions 1–6:  deductible 15,000¢ each, no copay; 90,000¢, 10,000¢ left.
   * Session 7:     deductible 10,000 (met); the copay starts on the rest of the session: copay 3,000,
   *                coinsurance 20% × (15,000 − 10,000 − 3,000) = 400 → 13,400¢.
   * Sessions 8–12: copay 3,000 + coinsurance 2,400 → 5,400¢ each, 27,000¢.
   * Totals: copay 6 × 3,000 = 18,000¢, deductible 100,000¢, coinsurance 400 + 5 × 2,400 = 12,400¢,
   * patient 130,400¢. Allowed 180,000¢; plan 49,600¢.
   */
  it('waives the copay until the deductible is met when it is not owed before it', () => {
    const result = priceInsured(sessions({ copayBeforeDeductible: false }));
    expect(result.units.map((session) => session.copayCents)).toEqual([
      0, 0, 0, 0, 0, 0, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000,
    ]);
    expect(result.units[6]).toMatchObject({
      deductibleCents: 10_000,
      copayCents: 3_000,
      coinsuranceCents: 400,
      patientCents: 13_400,
      planPaysCents: 1_600,
    });
    expect(result.totals).toMatchObject({
      copayCents: 18_000,
      deductibleCents: 100_000,
      coinsuranceCents: 12_400,
      planPaysCents: 49_600,
      patientCents: 130_400,
    });
  });

  /*
   * Regression: a session that meets the deductible owes the copay too. With 1¢ of deductible left, one
   * session costs 1 (deductible) + 3,000 (copay) + 20% × 11,999 = 2,399.8 → 2,400 coinsurance = 5,401¢:
   * never less than the 5,400¢ the same session costs once the deductible is met. (Before the fix it cost
   * 1 + 20% × 14,999 = 3,001¢: a patient 1¢ short of the deductible paid 2,399¢ less.)
   */
  it('never makes a patient 1¢ short of the deductible pay less than one who has met it', () => {
    const oneSession = (deductibleMetCents: number): number =>
      priceInsured({
        ...sessions({ copayBeforeDeductible: false }),
        units: 1,
        accumulators: { deductibleMetCents, outOfPocketMetCents: deductibleMetCents },
      }).totals.patientCents;
    expect(oneSession(99_999)).toBe(5_401);
    expect(oneSession(100_000)).toBe(5_400);
  });

  it('charges the copay alone when the deductible does not apply to the benefit', () => {
    const result = priceInsured(sessions({ deductibleApplies: false, copayBeforeDeductible: false, coinsuranceBp: 0 }));
    // 12 × 3,000¢ copay, nothing toward the deductible; plan 12 × 12,000¢.
    expect(result.totals).toMatchObject({
      copayCents: 36_000,
      deductibleCents: 0,
      patientCents: 36_000,
      planPaysCents: 144_000,
    });
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 0,
      outOfPocketMetCents: 36_000,
      unitsUsedThisYear: 12,
    });
  });
});
