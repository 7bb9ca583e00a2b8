import { IOP_FULL_PROGRAM_COURSES, iopProgramPriceCents, type IopProgramRule } from '../iop-program';
import { applyBasisPoints, type Cents, percentToBasisPoints } from '../money';
import type { SlidingScaleBand } from '../sliding-scale';

export interface SelfPayPricingInput {
  units: number;
  /** The provider's gross charge per unit (shown for comparison; self-pay patients are not billed it). */
  chargeCentsPerUnit: Cents;
  /** The cash price per unit, before any discount. */
  cashCentsPerUnit: Cents;
  /** For IOP: the program rule prices the whole course instead of units × cash price. */
  programRule?: IopProgramRule;
  /** The household's sliding-scale band (from its percent of poverty). */
  band: SlidingScaleBand;
}

/** How (part of) a self-pay course was priced before the sliding scale. */
export type SelfPayPricedBy = 'cash_price_per_unit' | 'iop_program_rule' | 'full_charge';

/** Consecutive units priced one way: `cents` for all `units` of them. */
export interface SelfPayPart {
  pricedBy: SelfPayPricedBy;
  units: number;
  cents: Cents;
}

/** The longest full IOP program (12 weeks × 5 days): longer courses are priced as whole programs plus days. */
export const IOP_PROGRAM_DAYS = Math.max(...IOP_FULL_PROGRAM_COURSES.map((c) => c.weeks * c.daysPerWeek));

export interface SelfPayPricingResult {
  units: number;
  chargeCents: Cents;
  /** The cash price of the course before the sliding scale. */
  grossCents: Cents;
  discountCents: Cents;
  /** What the patient owes: the gross less the discount, or the nominal fee (never more than the gross). */
  patientCents: Cents;
  /** The discount as a percent of the gross, to two decimals (a nominal fee shows its effective discount). */
  effectiveDiscountPercent: number;
  /** One way for the whole course, or `iop_programs_and_cash_price` when `parts` mixes programs and days. */
  pricedBy: SelfPayPricedBy | 'iop_programs_and_cash_price';
  /** How `grossCents` was reached, in order; the parts add up to it. */
  parts: SelfPayPart[];
  /** The drop from the full charge to the cash price (before, and apart from, the sliding-scale discount). */
  reductionCents: Cents;
  appliedBy: 'discount' | 'nominal_fee';
}

/**
 * Self-pay price of a course: the cash price (units × price, or the IOP program rule) less the sliding-scale
 * discount for the household's band, or the band's nominal fee per unit when it has one. One line, rounded
 * half up once. The cash price is never above the full charge for the same units (the program minimum must
 * not make 4 days cost more than their charge), and an IOP course longer than a program is whole programs at
 * the program price plus the remaining days at the per-day cash price (never capped at one program).
 */
export function priceSelfPay(input: SelfPayPricingInput): SelfPayPricingResult {
  if (!Number.isSafeInteger(input.units) || input.units < 1) throw new RangeError('units must be a whole number ≥ 1');
  const chargeCents = input.units * input.chargeCentsPerUnit;
  let parts = cashPriceParts(input);
  const cashCents = parts.reduce((sum, part) => sum + part.cents, 0);
  // A catalog without a charge (0) has nothing to cap against.
  if (input.chargeCentsPerUnit > 0 && cashCents > chargeCents) {
    parts = [{ pricedBy: 'full_charge', units: input.units, cents: chargeCents }];
  }
  const gross = Math.min(cashCents, input.chargeCentsPerUnit > 0 ? chargeCents : cashCents);
  const { nominalFeeCents, discountPercent } = input.band;
  const patient =
    nominalFeeCents !== undefined
      ? Math.min(gross, nominalFeeCents * input.units)
      : gross - applyBasisPoints(gross, percentToBasisPoints(discountPercent ?? 0));
  const discount = gross - patient;
  return {
    units: input.units,
    chargeCents,
    grossCents: gross,
    discountCents: discount,
    patientCents: patient,
    effectiveDiscountPercent: gross === 0 ? 0 : Math.floor((discount * 10_000) / gross) / 100,
    pricedBy: parts.length === 1 ? parts[0].pricedBy : 'iop_programs_and_cash_price',
    parts,
    reductionCents: Math.max(0, chargeCents - gross),
    appliedBy: nominalFeeCents !== undefined ? 'nominal_fee' : 'discount',
  };
}

function cashPriceParts(input: SelfPayPricingInput): SelfPayPart[] {
  const { units, programRule, cashCentsPerUnit } = input;
  if (programRule === undefined) return [{ pricedBy: 'cash_price_per_unit', units, cents: units * cashCentsPerUnit }];
  if (units <= IOP_PROGRAM_DAYS) {
    return [{ pricedBy: 'iop_program_rule', units, cents: iopProgramPriceCents(programRule, units) }];
  }
  const programs = Math.floor(units / IOP_PROGRAM_DAYS);
  const remainder = units - programs * IOP_PROGRAM_DAYS;
  const parts: SelfPayPart[] = [
    {
      pricedBy: 'iop_program_rule',
      units: programs * IOP_PROGRAM_DAYS,
      cents: programs * iopProgramPriceCents(programRule, IOP_PROGRAM_DAYS),
    },
  ];
  if (remainder > 0)
    parts.push({ pricedBy: 'cash_price_per_unit', units: remainder, cents: remainder * cashCentsPerUnit });
  return parts;
}
