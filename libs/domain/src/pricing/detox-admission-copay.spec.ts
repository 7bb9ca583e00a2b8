import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';

/*
 * Medically supervised detox, 5 days in network. Charge $1,800/day, contracted rate $1,200/day. $250 copay
 * per admission owed before the deductible, then the $1,500 deductible, then 20% coinsurance; $6,000
 * out-of-pocket maximum.
 *
 * Day 1:    copay 25,000¢; deductible on the rest 95,000¢ (55,000¢ of it left); coinsurance 0.
 *           Patient 120,000¢, plan 0.
 * Day 2:    no copay (one per admission); deductible 55,000¢ (met); coinsurance 20% × 65,000 = 13,000¢.
 *           Patient 68,000¢, plan 52,000¢.
 * Days 3–5: coinsurance 20% × 120,000 = 24,000¢ → 3 × 24,000 = 72,000¢.
 * Totals: copay 25,000¢, deductible 150,000¢, coinsurance 85,000¢, patient 260,000¢. Allowed 600,000¢;
 * plan 340,000¢.
 */
describe('Detox with a copay per admission: charged once, on day 1', () => {
  const result = priceInsured(
    insuredInput({
      units: 5,
      chargeCentsPerUnit: 180_000,
      allowedCentsPerUnit: 120_000,
      benefit: { copayCents: 25_000, copayPer: 'admission', copayBeforeDeductible: true },
    }),
  );

  it('charges the admission copay on day 1 only', () => {
    expect(result.units.map((day) => day.copayCents)).toEqual([25_000, 0, 0, 0, 0]);
  });

  it('prices each day exactly', () => {
    expect(
      result.units.map(({ deductibleCents, coinsuranceCents, patientCents, planPaysCents }) => ({
        deductibleCents,
        coinsuranceCents,
        patientCents,
        planPaysCents,
      })),
    ).toEqual([
      { deductibleCents: 95_000, coinsuranceCents: 0, patientCents: 120_000, planPaysCents: 0 },
      { deductibleCents: 55_000, coinsuranceCents: 13_000, patientCents: 68_000, planPaysCents: 52_000 },
      { deductibleCents: 0, coinsuranceCents: 24_000, patientCents: 24_000, planPaysCents: 96_000 },
      { deductibleCents: 0, coinsuranceCents: 24_000, patientCents: 24_000, planPaysCents: 96_000 },
      { deductibleCents: 0, coinsuranceCents: 24_000, patientCents: 24_000, planPaysCents: 96_000 },
    ]);
    expect(result.units[1]?.notes).toEqual(['deductible met']);
  });

  it('totals 260,000¢ for the patient', () => {
    expect(result.totals).toEqual({
      units: 5,
      chargeCents: 900_000,
      allowedCents: 600_000,
      copayCents: 25_000,
      deductibleCents: 150_000,
      coinsuranceCents: 85_000,
      balanceBillCents: 0,
      nonCoveredCents: 0,
      planPaysCents: 340_000,
      patientCents: 260_000,
    });
  });

  /*
   * The same stay with a $250 copay per day instead: 5 × 25,000 = 125,000¢ of copays.
   * Day 1: copay 25,000, deductible 95,000. Day 2: copay 25,000, deductible 55,000, coinsurance
   * 20% × 40,000 = 8,000. Days 3–5: copay 25,000 + 20% × 95,000 = 19,000 → 44,000 each.
   * Patient 120,000 + 88,000 + 132,000 = 340,000¢.
   */
  it('would charge 340,000¢ with the same copay per day', () => {
    const perDay = priceInsured(
      insuredInput({
        units: 5,
        chargeCentsPerUnit: 180_000,
        allowedCentsPerUnit: 120_000,
        benefit: { copayCents: 25_000, copayPer: 'day', copayBeforeDeductible: true },
      }),
    );
    expect(perDay.totals).toMatchObject({
      copayCents: 125_000,
      deductibleCents: 150_000,
      coinsuranceCents: 65_000,
      patientCents: 340_000,
      planPaysCents: 260_000,
    });
  });
});
