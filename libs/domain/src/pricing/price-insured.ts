import { applyBasisPoints, type Cents } from '../money';
import type { Accumulators, InsuredPricingInput, InsuredPricingResult, PricedUnit, PriceTotals } from './pricing.types';

/**
 * Prices an insured stay unit by unit in the cost-sharing order: allowed amount, copay, deductible,
 * coinsurance, out-of-pocket cap, then (out of network) the balance bill. Simulating each unit is what makes
 * a deductible or out-of-pocket maximum crossed in the middle of a program come out right.
 *
 * - A level that is not covered, and units beyond `maxUnitsPerYear`, are non-covered at the provider's charge.
 * - Deductible, copays and coinsurance count toward the out-of-pocket maximum; the balance bill does not,
 *   and is never capped.
 * - Rounding: coinsurance is rounded half up on each unit (the one rounding rule), so every unit's parts add
 *   up exactly and so do the totals.
 */
export function priceInsured(input: InsuredPricingInput): InsuredPricingResult {
  assertInput(input);
  const { benefit, terms } = input;
  const family =
    input.accumulators.familyDeductibleMetCents !== undefined ||
    input.accumulators.familyOutOfPocketMetCents !== undefined;
  const state = {
    deductibleMet: input.accumulators.deductibleMetCents,
    outOfPocketMet: input.accumulators.outOfPocketMetCents,
    familyDeductibleMet: input.accumulators.familyDeductibleMetCents ?? 0,
    familyOutOfPocketMet: input.accumulators.familyOutOfPocketMetCents ?? 0,
    unitsUsed: input.accumulators.unitsUsedThisYear ?? 0,
  };
  const remainingDeductible = (): Cents => {
    const individual = Math.max(0, terms.deductible.individualCents - state.deductibleMet);
    const familyLeft = Math.max(0, terms.deductible.familyCents - state.familyDeductibleMet);
    if (!family) return individual;
    return terms.deductibleEmbedded ? Math.min(individual, familyLeft) : familyLeft;
  };
  const remainingOutOfPocket = (): Cents => {
    const individual = Math.max(0, terms.outOfPocketMax.individualCents - state.outOfPocketMet);
    const familyLeft = Math.max(0, terms.outOfPocketMax.familyCents - state.familyOutOfPocketMet);
    // The individual out-of-pocket limit is always embedded (ACA, since 2016), even with an aggregate deductible.
    return family ? Math.min(individual, familyLeft) : individual;
  };

  const units: PricedUnit[] = [];
  for (let unit = 1; unit <= input.units; unit += 1) {
    const charge = input.chargeCentsPerUnit;
    const notes: string[] = [];
    const beyondLimit = benefit.maxUnitsPerYear !== null && state.unitsUsed >= benefit.maxUnitsPerYear;
    if (!benefit.covered || beyondLimit) {
      notes.push(
        benefit.covered
          ? `beyond the plan's ${benefit.maxUnitsPerYear ?? 0}-unit yearly limit`
          : 'not covered by the plan',
      );
      units.push(line(unit, charge, { allowed: 0, nonCovered: charge, patient: charge }, notes));
      state.unitsUsed += 1;
      continue;
    }
    state.unitsUsed += 1;

    const allowed = Math.min(input.allowedCentsPerUnit, charge);
    const deductibleLeft = benefit.deductibleApplies ? remainingDeductible() : 0;
    const copayOwed =
      benefit.copayCents > 0 && (benefit.copayPer !== 'admission' || (unit === 1 && input.continuesStay !== true));
    const copayWaitsForDeductible = benefit.deductibleApplies && !benefit.copayBeforeDeductible;
    let copay = copayOwed && !copayWaitsForDeductible ? Math.min(benefit.copayCents, allowed) : 0;
    let rest = allowed - copay;
    let deductible = Math.min(rest, deductibleLeft);
    rest -= deductible;
    // A copay that waits for the deductible starts as soon as it is met, on the rest of the unit that meets it,
    // exactly as coinsurance does (otherwise 1¢ of deductible left would cost less than none).
    if (copayOwed && copayWaitsForDeductible && deductible === deductibleLeft) {
      copay = Math.min(benefit.copayCents, rest);
      rest -= copay;
    }
    let coinsurance = applyBasisPoints(rest, benefit.coinsuranceBp);

    // The out-of-pocket cap: trim coinsurance first, then deductible, then copay.
    let over = copay + deductible + coinsurance - remainingOutOfPocket();
    if (over > 0) {
      notes.push('out-of-pocket maximum reached: the plan pays the rest');
      const trim = (amount: Cents): Cents => {
        const cut = Math.min(amount, over);
        over -= cut;
        return amount - cut;
      };
      coinsurance = trim(coinsurance);
      deductible = trim(deductible);
      copay = trim(copay);
    }
    if (deductible > 0 && deductible === deductibleLeft) notes.push('deductible met');

    const balanceBill = input.network === 'out' && input.balanceBillingAllowed ? charge - allowed : 0;
    if (balanceBill > 0) notes.push('out of network: balance bill for the charge above the allowed amount');
    const sharing = copay + deductible + coinsurance;
    state.deductibleMet += deductible;
    state.familyDeductibleMet += deductible;
    state.outOfPocketMet += sharing;
    state.familyOutOfPocketMet += sharing;
    units.push(
      line(
        unit,
        charge,
        {
          allowed,
          copay,
          deductible,
          coinsurance,
          balanceBill,
          patient: sharing + balanceBill,
          planPays: allowed - sharing,
        },
        notes,
      ),
    );
  }

  const accumulatorsAfter: Accumulators = {
    deductibleMetCents: state.deductibleMet,
    outOfPocketMetCents: state.outOfPocketMet,
    ...(family
      ? { familyDeductibleMetCents: state.familyDeductibleMet, familyOutOfPocketMetCents: state.familyOutOfPocketMet }
      : {}),
    unitsUsedThisYear: state.unitsUsed,
  };
  return { units, totals: sumUnits(units), accumulatorsAfter };
}

interface LineParts {
  allowed: Cents;
  copay?: Cents;
  deductible?: Cents;
  coinsurance?: Cents;
  balanceBill?: Cents;
  nonCovered?: Cents;
  planPays?: Cents;
  patient: Cents;
}

function line(unit: number, charge: Cents, parts: LineParts, notes: string[]): PricedUnit {
  return {
    unit,
    chargeCents: charge,
    allowedCents: parts.allowed,
    copayCents: parts.copay ?? 0,
    deductibleCents: parts.deductible ?? 0,
    coinsuranceCents: parts.coinsurance ?? 0,
    balanceBillCents: parts.balanceBill ?? 0,
    nonCoveredCents: parts.nonCovered ?? 0,
    planPaysCents: parts.planPays ?? 0,
    patientCents: parts.patient,
    notes,
  };
}

export function sumUnits(units: readonly PricedUnit[]): PriceTotals {
  const totals: PriceTotals = {
    units: units.length,
    chargeCents: 0,
    allowedCents: 0,
    copayCents: 0,
    deductibleCents: 0,
    coinsuranceCents: 0,
    balanceBillCents: 0,
    nonCoveredCents: 0,
    planPaysCents: 0,
    patientCents: 0,
  };
  for (const u of units) {
    totals.chargeCents += u.chargeCents;
    totals.allowedCents += u.allowedCents;
    totals.copayCents += u.copayCents;
    totals.deductibleCents += u.deductibleCents;
    totals.coinsuranceCents += u.coinsuranceCents;
    totals.balanceBillCents += u.balanceBillCents;
    totals.nonCoveredCents += u.nonCoveredCents;
    totals.planPaysCents += u.planPaysCents;
    totals.patientCents += u.patientCents;
  }
  return totals;
}

function assertInput(input: InsuredPricingInput): void {
  const cents = [
    input.chargeCentsPerUnit,
    input.allowedCentsPerUnit,
    input.benefit.copayCents,
    input.accumulators.deductibleMetCents,
    input.accumulators.outOfPocketMetCents,
  ];
  if (!Number.isSafeInteger(input.units) || input.units < 0) throw new RangeError(`units must be a whole number ≥ 0`);
  if (cents.some((c) => !Number.isSafeInteger(c) || c < 0)) throw new RangeError('amounts must be integer cents ≥ 0');
  if (
    !Number.isInteger(input.benefit.coinsuranceBp) ||
    input.benefit.coinsuranceBp < 0 ||
    input.benefit.coinsuranceBp > 10_000
  ) {
    throw new RangeError('coinsurance must be 0–10000 basis points');
  }
}
