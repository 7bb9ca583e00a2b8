import { LevelOfCare } from '@continuum/domain';
import {
  breakdownRows,
  type BreakdownRow,
  type EstimateAnswer,
  LEVEL_EXPLANATIONS,
  preAuthText,
  rangeExplanation,
  rangeText,
  slidingScaleText,
  unitsText,
} from './plain-words';

const MINUS = '\u2212';

/** 30 residential days in network: $30,000 charged, $18,000 allowed, the person pays $4,500. */
const insuredEstimate = (changes: Partial<EstimateAnswer> = {}): EstimateAnswer => ({
  levelOfCare: LevelOfCare.Residential,
  unit: 'day',
  units: 30,
  serviceStartDate: '2026-12-07',
  coverageType: 'insured',
  totalChargeCents: 3_000_000,
  allowedCents: 1_800_000,
  planPaysCents: 1_350_000,
  patientResponsibilityCents: 450_000,
  breakdown: {
    deductibleCents: 150_000,
    copayCents: 90_000,
    coinsuranceCents: 210_000,
    balanceBillCents: 0,
    nonCoveredCents: 0,
    discountCents: 0,
  },
  range: { lowCents: 300_000, highCents: 960_000, lowUnits: 14, highUnits: 45 },
  preAuthRequired: true,
  parityConcern: false,
  slidingScale: null,
  assumptions: ['Priced in network with Gold PPO (Acme Health).'],
  disclaimer: 'An estimate, not a bill.',
  ...changes,
});

/** 12 outpatient sessions paid by the person: $2,400 standard, $1,200 self-pay, 30% off → $840. */
const selfPayEstimate = (changes: Partial<EstimateAnswer> = {}): EstimateAnswer => ({
  levelOfCare: LevelOfCare.Outpatient,
  unit: 'session',
  units: 12,
  serviceStartDate: '2027-01-04',
  coverageType: 'self_pay',
  totalChargeCents: 240_000,
  allowedCents: 120_000,
  planPaysCents: 0,
  patientResponsibilityCents: 84_000,
  breakdown: {
    deductibleCents: 0,
    copayCents: 0,
    coinsuranceCents: 0,
    balanceBillCents: 0,
    nonCoveredCents: 0,
    discountCents: 36_000,
  },
  range: { lowCents: 56_000, highCents: 168_000, lowUnits: 8, highUnits: 24 },
  preAuthRequired: false,
  parityConcern: false,
  slidingScale: {
    povertyPercent: 187.9,
    guidelineYear: 2025,
    guidelineCents: 2_665_000,
    discountPercent: 30,
    nominalFeeCents: null,
  },
  assumptions: [],
  disclaimer: 'An estimate, not a bill.',
  ...changes,
});

const shown = (rows: BreakdownRow[]): Pick<BreakdownRow, 'label' | 'amount' | 'role'>[] =>
  rows.map(({ label, amount, role }) => ({ label, amount, role }));

describe('breakdownRows', () => {
  describe('for an insured estimate', () => {
    it('lists the charges, what the plan recognizes and pays, the person’s shares and the total', () => {
      expect(shown(breakdownRows(insuredEstimate()))).toEqual([
        { label: 'Charges for 30 days', amount: '$30,000', role: 'price' },
        { label: 'Amount your plan recognizes', amount: '$18,000', role: 'price' },
        { label: 'Your plan pays', amount: '$13,500', role: 'reduction' },
        { label: 'Deductible', amount: '$1,500', role: 'share' },
        { label: 'Copays', amount: '$900', role: 'share' },
        { label: 'Coinsurance', amount: '$2,100', role: 'share' },
        { label: 'You pay', amount: '$4,500', role: 'total' },
      ]);
    });

    it('explains every row, and the total for the course', () => {
      const rows = breakdownRows(insuredEstimate());
      for (const row of rows) expect(row.explanation.trim()).not.toBe('');
      expect(rows.at(-1)?.explanation).toBe('Your estimated share for 30 days.');
    });

    it('keeps the deductible, copay and coinsurance rows even at $0', () => {
      const estimate = insuredEstimate({
        planPaysCents: 1_800_000,
        patientResponsibilityCents: 0,
        breakdown: { ...insuredEstimate().breakdown, deductibleCents: 0, copayCents: 0, coinsuranceCents: 0 },
      });
      expect(shown(breakdownRows(estimate)).slice(3)).toEqual([
        { label: 'Deductible', amount: '$0', role: 'share' },
        { label: 'Copays', amount: '$0', role: 'share' },
        { label: 'Coinsurance', amount: '$0', role: 'share' },
        { label: 'You pay', amount: '$0', role: 'total' },
      ]);
    });

    it('adds the balance bill and the care the plan does not cover, in that order, when they are above $0', () => {
      const estimate = insuredEstimate({
        patientResponsibilityCents: 1_662_345,
        breakdown: {
          ...insuredEstimate().breakdown,
          balanceBillCents: 1_200_000,
          nonCoveredCents: 12_345,
        },
      });
      expect(shown(breakdownRows(estimate)).slice(6)).toEqual([
        { label: 'Balance bill', amount: '$12,000', role: 'share' },
        { label: 'Not covered by your plan', amount: '$123.45', role: 'share' },
        { label: 'You pay', amount: '$16,623.45', role: 'total' },
      ]);
    });

    it('adds only the balance bill when everything is covered', () => {
      const estimate = insuredEstimate({ breakdown: { ...insuredEstimate().breakdown, balanceBillCents: 1 } });
      expect(breakdownRows(estimate).map((row) => row.label)).toEqual([
        'Charges for 30 days',
        'Amount your plan recognizes',
        'Your plan pays',
        'Deductible',
        'Copays',
        'Coinsurance',
        'Balance bill',
        'You pay',
      ]);
    });

    it('adds only the uncovered care when there is no balance bill', () => {
      const estimate = insuredEstimate({ breakdown: { ...insuredEstimate().breakdown, nonCoveredCents: 50_000 } });
      const labels = breakdownRows(estimate).map((row) => row.label);
      expect(labels).toContain('Not covered by your plan');
      expect(labels).not.toContain('Balance bill');
      expect(labels).toHaveLength(8);
    });

    it('says “1 day” for a one-day course', () => {
      const rows = breakdownRows(insuredEstimate({ units: 1 }));
      expect(rows[0]?.label).toBe('Charges for 1 day');
      expect(rows.at(-1)?.explanation).toBe('Your estimated share for 1 day.');
    });
  });

  describe('for a self-pay estimate', () => {
    it('lists the standard charges, the self-pay price, the discount with a minus sign and the total', () => {
      expect(shown(breakdownRows(selfPayEstimate()))).toEqual([
        { label: 'Standard charges for 12 sessions', amount: '$2,400', role: 'price' },
        { label: 'Self-pay price', amount: '$1,200', role: 'price' },
        { label: 'Sliding-scale discount', amount: `${MINUS}$360`, role: 'reduction' },
        { label: 'You pay', amount: '$840', role: 'total' },
      ]);
    });

    it('shows the self-pay price as what the person pays plus the discount', () => {
      const estimate = selfPayEstimate({
        patientResponsibilityCents: 100_001,
        breakdown: { ...selfPayEstimate().breakdown, discountCents: 23_456 },
      });
      const rows = breakdownRows(estimate);
      expect(rows[1]?.amount).toBe('$1,234.57');
      expect(rows[2]?.amount).toBe(`${MINUS}$234.56`);
      expect(rows[3]?.amount).toBe('$1,000.01');
    });

    it('never shows insurance rows, even when the estimate carries amounts for them', () => {
      const estimate = selfPayEstimate({
        breakdown: { ...selfPayEstimate().breakdown, balanceBillCents: 5_000, nonCoveredCents: 5_000 },
      });
      expect(breakdownRows(estimate).map((row) => row.role)).toEqual(['price', 'price', 'reduction', 'total']);
    });

    it('explains every row', () => {
      for (const row of breakdownRows(selfPayEstimate())) expect(row.explanation.trim()).not.toBe('');
    });
  });
});

describe('rangeText', () => {
  it('gives both ends of the range', () => {
    expect(rangeText(insuredEstimate())).toBe('$3,000 to $9,600');
  });

  it('keeps cents when an end has them', () => {
    expect(rangeText({ range: { lowCents: 123_456, highCents: 200_000, lowUnits: 1, highUnits: 2 } })).toBe(
      '$1,234.56 to $2,000',
    );
  });

  it('collapses equal ends to one amount', () => {
    expect(rangeText({ range: { lowCents: 300_000, highCents: 300_000, lowUnits: 14, highUnits: 45 } })).toBe('$3,000');
  });

  it('shows a range of nothing as $0', () => {
    expect(rangeText({ range: { lowCents: 0, highCents: 0, lowUnits: 1, highUnits: 1 } })).toBe('$0');
  });
});

describe('rangeExplanation', () => {
  it('names the usual course from its shortest to its longest length', () => {
    expect(rangeExplanation(insuredEstimate())).toBe(
      'What you would pay for a course of 14 to 45 days starting December 7, 2026, the usual length of this care. Your care team sets the real length.',
    );
  });

  it('names one length when both ends agree', () => {
    const estimate = selfPayEstimate({ range: { lowCents: 20_000, highCents: 20_000, lowUnits: 1, highUnits: 1 } });
    expect(rangeExplanation(estimate)).toBe(
      'What you would pay for a course of 1 session starting January 4, 2027, the usual length of this care. Your care team sets the real length.',
    );
  });

  it('counts sessions in the plural', () => {
    expect(rangeExplanation(selfPayEstimate())).toContain('a course of 8 to 24 sessions starting');
  });
});

describe('preAuthText', () => {
  it('tells a self-pay person that no insurer approval is needed', () => {
    expect(preAuthText({ coverageType: 'self_pay', preAuthRequired: true })).toBe(
      'When you pay for your own care, no approval from an insurance company is needed.',
    );
  });

  it('says when the insurer must approve the care first', () => {
    const text = preAuthText({ coverageType: 'insured', preAuthRequired: true });
    expect(text).toMatch(/^Pre-authorization is usually required/);
    expect(text).toContain('must approve this care before it starts');
  });

  it('says when the insurer need not approve the care in advance', () => {
    const text = preAuthText({ coverageType: 'insured', preAuthRequired: false });
    expect(text).toMatch(/^Pre-authorization is not usually required/);
    expect(text).toContain('does not need to approve this care in advance');
  });
});

describe('slidingScaleText', () => {
  const where =
    'Your household’s income is 187% of the federal poverty guideline ($26,650 a year for 3 people in 2025).';

  it('gives the discount, and the poverty percentage rounded down', () => {
    expect(slidingScaleText(selfPayEstimate(), 3)).toBe(
      `${where} That gives you a sliding-scale discount of 30% off the self-pay price.`,
    );
  });

  it('says when no discount applies at this income', () => {
    const estimate = selfPayEstimate({
      slidingScale: {
        povertyPercent: 412,
        guidelineYear: 2025,
        guidelineCents: 2_665_000,
        discountPercent: 0,
        nominalFeeCents: null,
      },
    });
    expect(slidingScaleText(estimate, 3)).toBe(
      'Your household’s income is 412% of the federal poverty guideline ($26,650 a year for 3 people in 2025). ' +
        'At this income, no sliding-scale discount applies.',
    );
  });

  it('gives the reduced fee per unit when a nominal fee applies', () => {
    const estimate = selfPayEstimate({
      slidingScale: {
        povertyPercent: 80,
        guidelineYear: 2025,
        guidelineCents: 2_665_000,
        discountPercent: 100,
        nominalFeeCents: 2_500,
      },
    });
    expect(slidingScaleText(estimate, 3)).toBe(
      'Your household’s income is 80% of the federal poverty guideline ($26,650 a year for 3 people in 2025). ' +
        'You pay a reduced fee of $25 per session.',
    );
  });

  it('says “1 person” for a household of one', () => {
    const estimate = selfPayEstimate({
      slidingScale: {
        povertyPercent: 150,
        guidelineYear: 2025,
        guidelineCents: 1_565_000,
        discountPercent: 50,
        nominalFeeCents: null,
      },
    });
    expect(slidingScaleText(estimate, 1)).toBe(
      'Your household’s income is 150% of the federal poverty guideline ($15,650 a year for 1 person in 2025). ' +
        'That gives you a sliding-scale discount of 50% off the self-pay price.',
    );
  });

  it('has nothing to say for an insured estimate', () => {
    expect(slidingScaleText(insuredEstimate(), 3)).toBeUndefined();
  });
});

describe('unitsText', () => {
  it.each([
    [1, 'day', '1 day'],
    [2, 'day', '2 days'],
    [0, 'day', '0 days'],
    [1, 'session', '1 session'],
    [12, 'session', '12 sessions'],
  ] as const)('says %p %s as %p', (units, unit, text) => {
    expect(unitsText(units, unit)).toBe(text);
  });
});

describe('LEVEL_EXPLANATIONS', () => {
  it.each(Object.values(LevelOfCare))('explains the level %p', (level) => {
    expect(LEVEL_EXPLANATIONS[level].trim()).not.toBe('');
  });
});
