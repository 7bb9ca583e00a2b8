import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';
import type { Accumulators, InsuredPricingInput } from './pricing.types';

/*
 * IOP, 36 session days out of network. Charge $450/day; the plan allows $250/day; the provider may
 * balance bill. Out-of-network tier: $3,000 deductible, 40% coinsurance, $12,000 out-of-pocket maximum.
 * The balance bill, 45,000 − 25,000 = 20,000¢ a day, is the patient's and never counts toward (nor is
 * capped by) the out-of-pocket maximum.
 */
describe('IOP out of network with balance billing', () => {
  const course = (overrides: Partial<InsuredPricingInput> = {}): InsuredPricingInput =>
    insuredInput({
      units: 36,
      network: 'out',
      chargeCentsPerUnit: 45_000,
      allowedCentsPerUnit: 25_000,
      balanceBillingAllowed: true,
      benefit: { coinsuranceBp: 4_000 },
      terms: {
        deductible: { individualCents: 300_000, familyCents: 600_000 },
        deductibleEmbedded: true,
        outOfPocketMax: { individualCents: 1_200_000, familyCents: 2_400_000 },
      },
      ...overrides,
    });

  /*
   * Days 1–12: deductible 25,000¢ each = 300,000¢ (met on day 12).
   * Days 13–36 (24 days): coinsurance 40% × 25,000 = 10,000¢ → 240,000¢.
   * Cost sharing 540,000¢. Balance bill 36 × 20,000 = 720,000¢. Patient 1,260,000¢.
   * Allowed 900,000¢; plan 900,000 − 540,000 = 360,000¢. Check: 360,000 + 1,260,000 = 900,000 + 720,000.
   */
  it('adds charge − allowed to every day, on top of the cost sharing', () => {
    const result = priceInsured(course());
    expect(result.units.every((day) => day.balanceBillCents === 20_000)).toBe(true);
    expect(result.units[11]).toMatchObject({
      deductibleCents: 25_000,
      balanceBillCents: 20_000,
      patientCents: 45_000,
      planPaysCents: 0,
      notes: ['deductible met', 'out of network: balance bill for the charge above the allowed amount'],
    });
    expect(result.units[12]).toMatchObject({ coinsuranceCents: 10_000, patientCents: 30_000, planPaysCents: 15_000 });
    expect(result.totals).toEqual({
      units: 36,
      chargeCents: 1_620_000,
      allowedCents: 900_000,
      copayCents: 0,
      deductibleCents: 300_000,
      coinsuranceCents: 240_000,
      balanceBillCents: 720_000,
      nonCoveredCents: 0,
      planPaysCents: 360_000,
      patientCents: 1_260_000,
    });
    expect(result.accumulatorsAfter).toMatchObject({ deductibleMetCents: 300_000, outOfPocketMetCents: 540_000 });
  });

  /*
   * Deductible met and 1,195,000¢ of the maximum met: 5,000¢ remain.
   * Day 1: coinsurance 10,000¢ trimmed to 5,000¢ (maximum reached); days 2–36: no cost sharing.
   * The balance bill is still 20,000¢ every day: 720,000¢. Patient 5,000 + 720,000 = 725,000¢;
   * plan 900,000 − 5,000 = 895,000¢; out-of-pocket met ends at exactly 1,200,000¢.
   */
  it('keeps billing the balance after the out-of-pocket maximum is reached', () => {
    const met: Accumulators = { deductibleMetCents: 300_000, outOfPocketMetCents: 1_195_000 };
    const result = priceInsured(course({ accumulators: met }));
    expect(result.units[0]).toMatchObject({ coinsuranceCents: 5_000, balanceBillCents: 20_000, patientCents: 25_000 });
    expect(result.units[35]).toMatchObject({ coinsuranceCents: 0, balanceBillCents: 20_000, patientCents: 20_000 });
    expect(result.totals).toMatchObject({
      coinsuranceCents: 5_000,
      balanceBillCents: 720_000,
      planPaysCents: 895_000,
      patientCents: 725_000,
    });
    expect(result.accumulatorsAfter.outOfPocketMetCents).toBe(1_200_000);
  });

  /* Where balance billing is not allowed, the patient owes the cost sharing only: 540,000¢. */
  it('bills no balance where the plan or the state forbids it', () => {
    const { totals } = priceInsured(course({ balanceBillingAllowed: false }));
    expect(totals).toMatchObject({ balanceBillCents: 0, patientCents: 540_000, planPaysCents: 360_000 });
  });
});
