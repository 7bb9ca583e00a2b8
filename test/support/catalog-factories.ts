import { randomBytes } from 'node:crypto';

const LEVELS = ['detox', 'inpatient', 'residential', 'php', 'iop', 'outpatient'] as const;

type Json = Record<string, unknown>;

/** A benefit for every level in the given tiers; `overrides` apply to each. */
export function benefitsFor(networks: ('in' | 'out')[], overrides: Json = {}): Json[] {
  return networks.flatMap((network) =>
    LEVELS.map((levelOfCare) => ({
      levelOfCare,
      network,
      covered: true,
      copayCents: 0,
      copayPer: levelOfCare === 'outpatient' ? 'session' : 'day',
      copayBeforeDeductible: false,
      deductibleApplies: true,
      coinsurancePercent: network === 'in' ? 20 : 40,
      maxUnitsPerYear: null,
      preAuthRequired: levelOfCare !== 'outpatient',
      ...overrides,
    })),
  );
}

const tier = (deductible: number, oop: number): Json => ({
  deductible: { individualCents: deductible, familyCents: deductible * 2 },
  deductibleEmbedded: true,
  outOfPocketMax: { individualCents: oop, familyCents: oop * 2 },
});

/** A valid PPO plan body (in and out of network); override any part. */
export function planBody(payerId: string, overrides: Json = {}): Json {
  return {
    payerId,
    name: `Plan ${randomBytes(3).toString('hex')}`,
    planType: 'PPO',
    planYearStart: { month: 1, day: 1 },
    networks: {
      in: tier(150_000, 600_000),
      out: {
        ...tier(300_000, 1_200_000),
        allowedAmount: { method: 'percent_of_charge', percent: 60 },
        balanceBillingAllowed: true,
      },
    },
    benefits: benefitsFor(['in', 'out']),
    ...overrides,
  };
}

/** A valid payer body with a unique code; override any part. */
export function payerBody(overrides: Json = {}): Json {
  const suffix = randomBytes(3).toString('hex');
  return {
    code: `payer-${suffix}`,
    name: `Payer ${suffix}`,
    x12PayerId: 'P1',
    connectionType: 'sandbox',
    ...overrides,
  };
}

export const validRates = (iopPerDay = 15_000): Json => ({
  levels: LEVELS.map((levelOfCare) => ({
    levelOfCare,
    chargeCents: 50_000,
    selfPayCents: levelOfCare === 'iop' ? iopPerDay : 30_000,
  })),
  iopProgram: { perSessionDayCents: iopPerDay, programMinimumCents: 0, programMaximumCents: 10_000_000 },
  iopProgramBand: { minCents: 300_000, maxCents: 1_000_000 },
});
