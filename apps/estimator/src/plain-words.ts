import { type CareUnit, LevelOfCare, plural } from '@continuum/domain';
import type { Estimate, SlidingScaleApplied } from '../../../libs/estimates/src/estimate.types';
import { dollars } from './dollars';

/**
 * The parts of the API's estimate answer (`POST /v1/estimates`) the page shows, typed from the API's own
 * contract so the page cannot drift from it. (A type-only import of that one file: the library's index would
 * bring NestJS and TypeORM into the browser's type check.)
 */
export type EstimateAnswer = Pick<
  Estimate,
  | 'levelOfCare'
  | 'unit'
  | 'units'
  | 'serviceStartDate'
  | 'coverageType'
  | 'totalChargeCents'
  | 'allowedCents'
  | 'planPaysCents'
  | 'patientResponsibilityCents'
  | 'breakdown'
  | 'range'
  | 'preAuthRequired'
  | 'parityConcern'
  | 'assumptions'
  | 'disclaimer'
> & {
  slidingScale: Pick<
    SlidingScaleApplied,
    'povertyPercent' | 'guidelineYear' | 'guidelineCents' | 'discountPercent' | 'nominalFeeCents'
  > | null;
};

/** What each level of care is, for someone who has never heard the names. */
export const LEVEL_EXPLANATIONS: Readonly<Record<LevelOfCare, string>> = {
  [LevelOfCare.Detox]:
    'Medical care around the clock while the body withdraws from alcohol or drugs, usually a few days.',
  [LevelOfCare.Inpatient]: 'Hospital care around the clock, for people who need close medical attention.',
  [LevelOfCare.Residential]: 'Living at the treatment center for a few weeks, with therapy every day.',
  [LevelOfCare.Php]: 'Treatment for most of the day, about five days a week, going home at night.',
  [LevelOfCare.Iop]: 'Treatment for about three hours a day, three to five days a week, while living at home.',
  [LevelOfCare.Outpatient]: 'Regular counseling sessions, usually once or twice a week.',
};

export const unitsText = (units: number, unit: CareUnit): string => plural(units, unit);

/** "$3,000 to $9,600", or one amount when both ends agree. */
export function rangeText(estimate: Pick<EstimateAnswer, 'range'>): string {
  const { lowCents, highCents } = estimate.range;
  return lowCents === highCents ? dollars(lowCents) : `${dollars(lowCents)} to ${dollars(highCents)}`;
}

export function rangeExplanation(estimate: EstimateAnswer): string {
  const { lowUnits, highUnits } = estimate.range;
  const course =
    lowUnits === highUnits
      ? `a course of ${unitsText(lowUnits, estimate.unit)}`
      : `a course of ${lowUnits} to ${unitsText(highUnits, estimate.unit)}`;
  return (
    `What you would pay for ${course} starting ${longDate(estimate.serviceStartDate)}, the usual length of this ` +
    'care. Your care team sets the real length.'
  );
}

// prettier-ignore
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** `2026-12-07` → `December 7, 2026`. */
export function longDate(date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${month} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}

export interface BreakdownRow {
  label: string;
  /** What the term means, for anyone who has not met it. */
  explanation: string;
  amount: string;
  role: 'price' | 'reduction' | 'share' | 'total';
}

/** The typical course's cost, line by line, in plain words; lines that are $0 and mean nothing here are left out. */
export function breakdownRows(estimate: EstimateAnswer): BreakdownRow[] {
  const course = unitsText(estimate.units, estimate.unit);
  const b = estimate.breakdown;
  const total: BreakdownRow = {
    label: 'You pay',
    explanation: `Your estimated share for ${course}.`,
    amount: dollars(estimate.patientResponsibilityCents),
    role: 'total',
  };
  if (estimate.coverageType === 'self_pay') {
    const selfPayPrice = estimate.patientResponsibilityCents + b.discountCents;
    return [
      {
        label: `Standard charges for ${course}`,
        explanation: 'What we bill insurance companies for this care.',
        amount: dollars(estimate.totalChargeCents),
        role: 'price',
      },
      {
        label: 'Self-pay price',
        explanation: 'Our lower price for people who pay for their own care.',
        amount: dollars(selfPayPrice),
        role: 'price',
      },
      {
        label: 'Sliding-scale discount',
        explanation: 'A discount based on your household’s size and income.',
        amount: `−${dollars(b.discountCents)}`,
        role: 'reduction',
      },
      total,
    ];
  }
  const rows: BreakdownRow[] = [
    {
      label: `Charges for ${course}`,
      explanation: 'Our full price for this care, before insurance.',
      amount: dollars(estimate.totalChargeCents),
      role: 'price',
    },
    {
      label: 'Amount your plan recognizes',
      explanation:
        'The price your plan counts for this care (the “allowed amount”). In network, it is the price your plan and we agreed on.',
      amount: dollars(estimate.allowedCents),
      role: 'price',
    },
    {
      label: 'Your plan pays',
      explanation: 'What your insurance is expected to pay.',
      amount: dollars(estimate.planPaysCents),
      role: 'reduction',
    },
    {
      label: 'Deductible',
      explanation: 'What you pay each plan year before your plan starts to share the cost.',
      amount: dollars(b.deductibleCents),
      role: 'share',
    },
    {
      label: 'Copays',
      explanation: 'A set amount you pay for each day or visit.',
      amount: dollars(b.copayCents),
      role: 'share',
    },
    {
      label: 'Coinsurance',
      explanation: 'Your percentage of the cost after the deductible.',
      amount: dollars(b.coinsuranceCents),
      role: 'share',
    },
  ];
  if (b.balanceBillCents > 0) {
    rows.push({
      label: 'Balance bill',
      explanation: 'Out of network, you may also owe the difference between our charges and what your plan recognizes.',
      amount: dollars(b.balanceBillCents),
      role: 'share',
    });
  }
  if (b.nonCoveredCents > 0) {
    rows.push({
      label: 'Not covered by your plan',
      explanation: 'Care your plan does not pay for, such as days beyond its yearly limit.',
      amount: dollars(b.nonCoveredCents),
      role: 'share',
    });
  }
  return [...rows, total];
}

/** Whether the insurer must approve the care first, said plainly. */
export function preAuthText(estimate: Pick<EstimateAnswer, 'coverageType' | 'preAuthRequired'>): string {
  if (estimate.coverageType === 'self_pay') {
    return 'When you pay for your own care, no approval from an insurance company is needed.';
  }
  return estimate.preAuthRequired
    ? 'Pre-authorization is usually required: your insurance must approve this care before it starts. Our admissions team asks for it for you.'
    : 'Pre-authorization is not usually required: your insurance does not need to approve this care in advance.';
}

/** The sliding-scale discount that applied and why, or undefined for insured estimates. */
export function slidingScaleText(estimate: EstimateAnswer, householdSize: number): string | undefined {
  const scale = estimate.slidingScale;
  if (scale === null) return undefined;
  const people = `${householdSize} ${householdSize === 1 ? 'person' : 'people'}`;
  const where =
    `Your household’s income is ${Math.floor(scale.povertyPercent)}% of the federal poverty guideline ` +
    `(${dollars(scale.guidelineCents)} a year for ${people} in ${scale.guidelineYear}).`;
  if (scale.nominalFeeCents !== null) {
    return `${where} You pay a reduced fee of ${dollars(scale.nominalFeeCents)} per ${estimate.unit}.`;
  }
  if (scale.discountPercent <= 0) return `${where} At this income, no sliding-scale discount applies.`;
  return `${where} That gives you a sliding-scale discount of ${scale.discountPercent}% off the self-pay price.`;
}

export const PARITY_TEXT =
  'Your plan seems to limit this care more strictly than comparable medical care. Federal parity law may ' +
  'protect you; our admissions team can help you ask your plan.';

export const GOOD_FAITH_ESTIMATE_TEXT =
  'Paying for your own care? You have the right to a written Good Faith Estimate of the expected charges ' +
  'before care starts (No Surprises Act). Ask our admissions team for one.';
