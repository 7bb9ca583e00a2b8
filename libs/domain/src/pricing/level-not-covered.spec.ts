import { priceInsured } from './price-insured';
import { insuredInput } from './pricing.factories';

/*
 * Partial hospitalization, 20 days, on a plan that does not cover the level. Charge $400/day (a contracted
 * rate of $300/day is ignored). Every day is non-covered at the charge: 20 × 40,000 = 800,000¢, all the
 * patient's; the plan pays nothing, and nothing counts toward the deductible or out-of-pocket maximum.
 */
describe('A level of care the plan does not cover', () => {
  const accumulators = { deductibleMetCents: 50_000, outOfPocketMetCents: 70_000, unitsUsedThisYear: 3 };
  const result = priceInsured(
    insuredInput({
      units: 20,
      chargeCentsPerUnit: 40_000,
      allowedCentsPerUnit: 30_000,
      benefit: { covered: false, copayCents: 5_000 },
      accumulators,
    }),
  );

  it('charges every day at the full charge, with no cost sharing', () => {
    expect(result.units[0]).toEqual({
      unit: 1,
      chargeCents: 40_000,
      allowedCents: 0,
      copayCents: 0,
      deductibleCents: 0,
      coinsuranceCents: 0,
      balanceBillCents: 0,
      nonCoveredCents: 40_000,
      planPaysCents: 0,
      patientCents: 40_000,
      notes: ['not covered by the plan'],
    });
    expect(result.totals).toEqual({
      units: 20,
      chargeCents: 800_000,
      allowedCents: 0,
      copayCents: 0,
      deductibleCents: 0,
      coinsuranceCents: 0,
      balanceBillCents: 0,
      nonCoveredCents: 800_000,
      planPaysCents: 0,
      patientCents: 800_000,
    });
  });

  it('leaves the deductible and out-of-pocket accumulators where they were', () => {
    expect(result.accumulatorsAfter).toEqual({
      deductibleMetCents: 50_000,
      outOfPocketMetCents: 70_000,
      unitsUsedThisYear: 23,
    });
  });

  it('is non-covered out of network too, with no balance bill on top', () => {
    const { totals } = priceInsured(
      insuredInput({
        units: 20,
        network: 'out',
        balanceBillingAllowed: true,
        chargeCentsPerUnit: 40_000,
        allowedCentsPerUnit: 30_000,
        benefit: { covered: false },
      }),
    );
    expect(totals).toMatchObject({
      nonCoveredCents: 800_000,
      balanceBillCents: 0,
      patientCents: 800_000,
      planPaysCents: 0,
    });
  });
});
