import {
  type CatalogProblem,
  checkIopProgramBand,
  LEVEL_OF_CARE_CODES,
  percentToBasisPoints,
  validatePovertyGuidelineTable,
  validateSlidingScaleBands,
} from '@continuum/domain';
import type {
  AmountPair,
  CatalogDocument,
  InNetworkTierInput,
  PayerInput,
  PlanContent,
  ProviderRatesInput,
  SlidingScalePolicyInput,
} from './catalog.types';
import { PayerConnectionType } from './entities/payer.entity';

/**
 * The rules a catalog entry must keep beyond its shape (which the DTOs check): each returns every problem,
 * with the dotted path of the field at fault, so one answer lists all there is to fix.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function payerProblems(payer: PayerInput, prefix = ''): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const endpoint = payer.endpointUrl ?? null;
  if (payer.connectionType === PayerConnectionType.X12 && endpoint === null) {
    problems.push({ field: `${prefix}endpointUrl`, message: 'an x12 payer needs the endpoint its 278 requests go to' });
  }
  if (payer.connectionType === PayerConnectionType.Manual && endpoint !== null) {
    problems.push({ field: `${prefix}endpointUrl`, message: 'a manual payer has no endpoint: nothing is sent to it' });
  }
  return problems;
}

export function planProblems(plan: PlanContent, prefix = ''): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const { month, day } = plan.planYearStart;
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
    problems.push({ field: `${prefix}planYearStart.day`, message: `month ${month} has no day ${day}` });
  }
  problems.push(...tierProblems(plan.networks.in, `${prefix}networks.in.`));
  const out = plan.networks.out;
  if (out !== null) {
    problems.push(...tierProblems(out, `${prefix}networks.out.`));
    if (out.allowedAmount.method === 'percent_of_charge') {
      problems.push(
        ...percentProblems(out.allowedAmount.percent ?? Number.NaN, `${prefix}networks.out.allowedAmount.percent`),
      );
    }
  }

  const tiers = out === null ? (['in'] as const) : (['in', 'out'] as const);
  const seen = new Set<string>();
  plan.benefits.forEach((benefit, index) => {
    const field = `${prefix}benefits[${index}]`;
    const key = `${benefit.levelOfCare}/${benefit.network}`;
    if (seen.has(key))
      problems.push({ field, message: `a second ${benefit.network}-network benefit for ${benefit.levelOfCare}` });
    seen.add(key);
    if (benefit.network === 'out' && out === null) {
      problems.push({ field: `${field}.network`, message: 'the plan has no out-of-network tier' });
    }
    problems.push(...percentProblems(benefit.coinsurancePercent, `${field}.coinsurancePercent`));
    if (benefit.parityConcern === true && benefit.maxUnitsPerYear === null) {
      problems.push({
        field: `${field}.parityConcern`,
        message: 'only a day or visit limit (maxUnitsPerYear) can be a parity concern',
      });
    }
    const fixed = benefit.network === 'out' && out?.allowedAmount.method === 'fixed_per_unit' && benefit.covered;
    const allowed = benefit.allowedCentsPerUnit ?? null;
    if (fixed && allowed === null) {
      problems.push({
        field: `${field}.allowedCentsPerUnit`,
        message: 'the plan sets fixed out-of-network allowed amounts: give this level one',
      });
    }
    if (!fixed && allowed !== null) {
      problems.push({
        field: `${field}.allowedCentsPerUnit`,
        message: 'only covered out-of-network benefits of fixed_per_unit plans have one',
      });
    }
  });
  for (const network of tiers) {
    for (const level of LEVEL_OF_CARE_CODES) {
      if (!seen.has(`${level}/${network}`)) {
        problems.push({
          field: `${prefix}benefits`,
          message: `no ${network}-network benefit for ${level} (list every level; use covered: false for an excluded one)`,
        });
      }
    }
  }
  return problems;
}

function tierProblems(tier: InNetworkTierInput, prefix: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const familyAtLeastIndividual = (pair: AmountPair, name: string): void => {
    if (pair.familyCents < pair.individualCents) {
      problems.push({ field: `${prefix}${name}.familyCents`, message: 'must not be less than individualCents' });
    }
  };
  familyAtLeastIndividual(tier.deductible, 'deductible');
  familyAtLeastIndividual(tier.outOfPocketMax, 'outOfPocketMax');
  if (tier.outOfPocketMax.individualCents < tier.deductible.individualCents) {
    problems.push({
      field: `${prefix}outOfPocketMax.individualCents`,
      message: 'must not be less than the individual deductible',
    });
  }
  if (tier.outOfPocketMax.familyCents < tier.deductible.familyCents) {
    problems.push({
      field: `${prefix}outOfPocketMax.familyCents`,
      message: 'must not be less than the family deductible',
    });
  }
  return problems;
}

/** A percent between 0 and 100 with at most two decimals, so it is exact in basis points. */
function percentProblems(percent: number, field: string): CatalogProblem[] {
  try {
    percentToBasisPoints(percent);
    return [];
  } catch {
    return [{ field, message: 'must be between 0 and 100, with at most two decimals' }];
  }
}

export function providerRatesProblems(rates: ProviderRatesInput, prefix = 'rates.'): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  rates.levels.forEach((level, index) => {
    if (seen.has(level.levelOfCare)) {
      problems.push({
        field: `${prefix}levels[${index}].levelOfCare`,
        message: `${level.levelOfCare} is listed twice`,
      });
    }
    seen.add(level.levelOfCare);
    if (level.selfPayCents > level.chargeCents) {
      problems.push({
        field: `${prefix}levels[${index}].selfPayCents`,
        message: 'a self-pay price above the gross charge',
      });
    }
  });
  for (const level of LEVEL_OF_CARE_CODES) {
    if (!seen.has(level)) problems.push({ field: `${prefix}levels`, message: `no rate for ${level}` });
  }
  if (rates.iopProgramBand.minCents > rates.iopProgramBand.maxCents) {
    problems.push({ field: `${prefix}iopProgramBand`, message: 'minCents is above maxCents' });
    return problems;
  }
  problems.push(
    ...checkIopProgramBand(rates.iopProgram, rates.iopProgramBand).map((p) => ({
      ...p,
      field: p.field.replace(/^rates\./, prefix),
    })),
  );
  return problems;
}

export function slidingScaleProblems(policy: SlidingScalePolicyInput, prefix = ''): CatalogProblem[] {
  return validateSlidingScaleBands(policy.bands).map((p) => ({ ...p, field: `${prefix}${p.field}` }));
}

/** Every rule of a whole catalog document, across entries (duplicate codes and names included). */
export function catalogDocumentProblems(document: CatalogDocument): CatalogProblem[] {
  const problems: CatalogProblem[] = [...providerRatesProblems(document.rates)];
  const codes = new Set<string>();
  document.payers.forEach((payer, p) => {
    const prefix = `payers[${p}].`;
    if (codes.has(payer.code))
      problems.push({ field: `${prefix}code`, message: `payer code ${payer.code} appears twice` });
    codes.add(payer.code);
    problems.push(...payerProblems(payer, prefix));
    const names = new Set<string>();
    payer.plans.forEach((plan, i) => {
      if (names.has(plan.name))
        problems.push({ field: `${prefix}plans[${i}].name`, message: `plan ${plan.name} appears twice` });
      names.add(plan.name);
      problems.push(...planProblems(plan, `${prefix}plans[${i}].`));
    });
    const rateKeys = new Set<string>();
    payer.contractedRates.forEach((rate, r) => {
      const plan = rate.plan ?? null;
      if (plan !== null && !names.has(plan)) {
        problems.push({ field: `${prefix}contractedRates[${r}].plan`, message: `no plan named ${plan} at this payer` });
      }
      const key = `${plan ?? '*'}/${rate.levelOfCare}`;
      if (rateKeys.has(key))
        problems.push({
          field: `${prefix}contractedRates[${r}]`,
          message: 'a second rate for the same plan and level',
        });
      rateKeys.add(key);
    });
  });
  problems.push(...slidingScaleProblems(document.slidingScalePolicy, 'slidingScalePolicy.'));
  const years = new Set<number>();
  document.povertyGuidelines.forEach((table, t) => {
    if (years.has(table.year))
      problems.push({ field: `povertyGuidelines[${t}].year`, message: `${table.year} appears twice` });
    years.add(table.year);
    problems.push(
      ...validatePovertyGuidelineTable(table).map((p) => ({ ...p, field: `povertyGuidelines[${t}].${p.field}` })),
    );
  });
  return problems;
}
