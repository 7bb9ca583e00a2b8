import { iopProgramPriceCents, type IopProgramRule } from '../iop-program';
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
  pricedBy: 'cash_price_per_unit' | 'iop_program_rule';
  appliedBy: 'discount' | 'nominal_fee';
}

/**
 * Self-pay price of a course: the cash price (units × price, or the IOP program rule) less the sliding-scale
 * discount for the household's band, or the band's nominal fee per unit when it has one. One line, rounded
 * half up once.
 */
export function priceSelfPay(input: SelfPayPricingInput): SelfPayPricingResult {
  if (!Number.isSafeInteger(input.units) || input.units < 1) throw new RangeError('units must be a whole number ≥ 1');
  const gross =
    input.programRule === undefined
      ? input.units * input.cashCentsPerUnit
      : iopProgramPriceCents(input.programRule, input.units);
  const { nominalFeeCents, discountPercent } = input.band;
  const patient =
    nominalFeeCents !== undefined
      ? Math.min(gross, nominalFeeCents * input.units)
      : gross - applyBasisPoints(gross, percentToBasisPoints(discountPercent ?? 0));
  const discount = gross - patient;
  return {
    units: input.units,
    chargeCents: input.units * input.chargeCentsPerUnit,
    grossCents: gross,
    discountCents: discount,
    patientCents: patient,
    effectiveDiscountPercent: gross === 0 ? 0 : Math.floor((discount * 10_000) / gross) / 100,
    pricedBy: input.programRule === undefined ? 'cash_price_per_unit' : 'iop_program_rule',
    appliedBy: nominalFeeCents !== undefined ? 'nominal_fee' : 'discount',
  };
}
