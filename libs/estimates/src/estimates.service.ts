import { Injectable } from '@nestjs/common';
import { type CatalogSnapshot, CatalogSnapshotService, type PlanView } from '@continuum/catalog';
import { Clock, CommonError, CommonErrorCode } from '@continuum/common';
import {
  addDays,
  type Accumulators,
  applyBasisPoints,
  bandFor,
  type BenefitTerms,
  formatDollars,
  choosePovertyTable,
  LEVEL_OF_CARE_CODES,
  LevelOfCare,
  levelOfCare as definitionOf,
  percentOfPoverty,
  percentToBasisPoints,
  plural,
  povertyGuidelineCents,
  type PricedUnit,
  priceInsured,
  priceSelfPay,
  regionForState,
  type SelfPayPart,
  serviceStartDateProblem,
  sumUnits,
} from '@continuum/domain';
import { courseDates, courseLayout, describeLayout, planYearStartFor } from './course-dates';
import { type LaidOutCourses, layOutCourses, priceInsuredCourses } from './course-pricing';
import { EstimateError } from './estimate.errors';
import type {
  Coverage,
  Estimate,
  EstimateLine,
  EstimateRequest,
  Schedule,
  SlidingScaleApplied,
} from './estimate.types';

export const ESTIMATE_DISCLAIMER =
  'This is an estimate, not a bill or a guarantee of payment. Your costs depend on the care you actually ' +
  'receive, your plan’s rules and what you have already paid this plan year, which your insurer confirms. ' +
  'Services from other providers (such as labs, physicians or pharmacies) are not included.';

type InsuredCoverage = Extract<Coverage, { type: 'insured' }>;
type SelfPayCoverage = Extract<Coverage, { type: 'self_pay' }>;

/**
 * Prices care for a person from the in-memory catalog snapshot alone: no database query on this path. The
 * arithmetic is `libs/domain`'s; this service picks the catalog facts, lays out the course in dates (plan-year
 * boundaries reset what has been met) and explains every assumption in words.
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly snapshots: CatalogSnapshotService,
    private readonly clock: Clock,
  ) {}

  estimate(request: EstimateRequest, today: string = this.clock.today()): Estimate {
    assertServiceStartDate(request.serviceStartDate, today);
    return this.priced(request, today);
  }

  private priced(request: EstimateRequest, today: string): Estimate {
    const snapshot = this.snapshots.current();
    return request.coverage.type === 'insured'
      ? this.insured(snapshot, request, request.coverage, today)
      : this.selfPay(snapshot, request, request.coverage, today);
  }

  /** The same coverage for every level of care at its typical course, side by side. */
  estimateAllLevels(coverage: Coverage, serviceStartDate?: string, today: string = this.clock.today()): Estimate[] {
    assertServiceStartDate(serviceStartDate, today);
    return LEVEL_OF_CARE_CODES.map((levelOfCare) => this.priced({ levelOfCare, coverage, serviceStartDate }, today));
  }

  /**
   * A step-down plan priced in order, each step starting the day after the previous one ends, carrying what
   * is met (deductible, out-of-pocket) from step to step and resetting it at a plan-year boundary.
   */
  estimateEpisode(
    coverage: Coverage,
    steps: { levelOfCare: LevelOfCare; schedule: Schedule }[],
    serviceStartDate?: string,
    today: string = this.clock.today(),
  ): {
    steps: Estimate[];
    totals: Pick<Estimate, 'totalChargeCents' | 'allowedCents' | 'planPaysCents' | 'patientResponsibilityCents'>;
  } {
    assertServiceStartDate(serviceStartDate, today);
    let start = serviceStartDate ?? today;
    let carried = coverage.type === 'insured' ? coverage.accumulators : undefined;
    const estimates: Estimate[] = [];
    for (const step of steps) {
      const stepCoverage: Coverage = coverage.type === 'insured' ? { ...coverage, accumulators: carried } : coverage;
      // Later steps may start past the window: only the date the person gave is checked.
      const estimate = this.priced({ ...step, coverage: stepCoverage, serviceStartDate: start }, today);
      estimates.push(estimate);
      carried = estimate.accumulatorsAfter ?? undefined;
      const dates = courseDates(courseLayout(definitionOf(step.levelOfCare), step.schedule, start), estimate.units);
      const lastDate = dates[dates.length - 1] ?? start;
      start = addDays(lastDate, 1);
      // A step starting in a new plan year starts with nothing met.
      const plan = coverage.type === 'insured' ? this.snapshots.current().plan(coverage.planId) : undefined;
      if (
        plan !== undefined &&
        planYearStartFor(start, plan.planYearStart) !== planYearStartFor(lastDate, plan.planYearStart)
      ) {
        carried = undefined;
      }
    }
    const total = (key: 'totalChargeCents' | 'allowedCents' | 'planPaysCents' | 'patientResponsibilityCents'): number =>
      estimates.reduce((sum, e) => sum + e[key], 0);
    return {
      steps: estimates,
      totals: {
        totalChargeCents: total('totalChargeCents'),
        allowedCents: total('allowedCents'),
        planPaysCents: total('planPaysCents'),
        patientResponsibilityCents: total('patientResponsibilityCents'),
      },
    };
  }

  private insured(
    snapshot: CatalogSnapshot,
    request: EstimateRequest,
    coverage: InsuredCoverage,
    today: string,
  ): Estimate {
    const plan = snapshot.plan(coverage.planId);
    const payer = plan === undefined ? undefined : snapshot.payer(plan.payerId);
    if (plan === undefined || !plan.active || payer === undefined || !payer.active) {
      throw new CommonError(CommonErrorCode.NotFound, `No active plan with id ${coverage.planId}`, {
        planId: coverage.planId,
      });
    }
    const tier = coverage.network === 'in' ? plan.networks.in : plan.networks.out;
    if (tier === null) {
      throw CommonError.validation([
        { field: 'coverage.network', messages: [`${plan.name} has no out-of-network benefits`] },
      ]);
    }
    const rates = requireRates(snapshot);
    const level = definitionOf(request.levelOfCare);
    const benefit = snapshot.benefit(plan.id, coverage.network, request.levelOfCare);
    if (benefit === undefined)
      throw new EstimateError(`${plan.name} has no ${coverage.network}-network benefit for ${level.code}`);
    const charge = rates.levels.find((l) => l.levelOfCare === request.levelOfCare)?.chargeCents ?? 0;
    const assumptions: string[] = [
      `Priced ${coverage.network === 'in' ? 'in' : 'out of'} network with ${plan.name} (${payer.name}).`,
    ];
    const allowed = allowedAmount(snapshot, plan, coverage, request.levelOfCare, charge, assumptions);
    const terms: BenefitTerms = { ...benefit, coinsuranceBp: percentToBasisPoints(benefit.coinsurancePercent) };
    const balanceBillingAllowed = coverage.network === 'out' && (plan.networks.out?.balanceBillingAllowed ?? false);

    const start = request.serviceStartDate ?? today;
    const laidOut = layOutCourses(level, request.schedule ?? null, start);
    const { point, low, high } = laidOut;
    const given = coverage.accumulators;
    const { result, lowCents, highCents } = priceInsuredCourses({
      courses: laidOut,
      planYearStart: plan.planYearStart,
      terms: tier,
      given,
      price: (units, accumulators, continuesStay) =>
        priceInsured({
          units,
          continuesStay,
          network: coverage.network,
          chargeCentsPerUnit: charge,
          allowedCentsPerUnit: allowed,
          balanceBillingAllowed,
          benefit: terms,
          terms: tier,
          accumulators,
        }),
    });

    assumptions.push(
      given === undefined
        ? `Nothing paid toward this year's ${formatDollars(tier.deductible.individualCents)} deductible and ${formatDollars(tier.outOfPocketMax.individualCents)} out-of-pocket maximum yet; the low end assumes the deductible is already met.`
        : `Already paid this plan year: ${formatDollars(given.deductibleMetCents)} of the ${formatDollars(tier.deductible.individualCents)} deductible and ${formatDollars(given.outOfPocketMetCents)} of the ${formatDollars(tier.outOfPocketMax.individualCents)} out-of-pocket maximum.`,
      `The plan year starts each ${monthName(plan.planYearStart.month)} ${plan.planYearStart.day}; amounts paid reset then.`,
    );
    if (!benefit.covered) assumptions.push(`${plan.name} does not cover ${level.name}: you would pay the full charge.`);
    if (benefit.maxUnitsPerYear !== null) {
      assumptions.push(
        `${plan.name} covers up to ${plural(benefit.maxUnitsPerYear, level.unit)} of ${level.name} a year; more are priced at the full charge.` +
          (benefit.parityConcern
            ? ' This limit may be stricter than for comparable medical care (a mental health parity concern); ask your plan.'
            : ''),
      );
    }
    if (balanceBillingAllowed) {
      assumptions.push(
        'Out of network, the provider may bill you the difference between its charge and what your plan allows (balance bill).',
      );
    }
    return {
      ...common(level, request, start, laidOut, snapshot, assumptions),
      coverageType: 'insured',
      totalChargeCents: result.totals.chargeCents,
      allowedCents: result.totals.allowedCents,
      planPaysCents: result.totals.planPaysCents,
      patientResponsibilityCents: result.totals.patientCents,
      breakdown: {
        deductibleCents: result.totals.deductibleCents,
        copayCents: result.totals.copayCents,
        coinsuranceCents: result.totals.coinsuranceCents,
        balanceBillCents: result.totals.balanceBillCents,
        nonCoveredCents: result.totals.nonCoveredCents,
        discountCents: 0,
      },
      range: {
        lowCents,
        highCents,
        lowUnits: low.units,
        highUnits: high.units,
      },
      preAuthRequired: benefit.covered && benefit.preAuthRequired,
      parityConcern: benefit.parityConcern ?? false,
      slidingScale: null,
      selfPayPrice: null,
      povertyGuidelines: null,
      lines: summarize(result.units, point.dates),
      accumulatorsAfter: withoutUnitsUsed(result.accumulatorsAfter),
    };
  }

  private selfPay(
    snapshot: CatalogSnapshot,
    request: EstimateRequest,
    coverage: SelfPayCoverage,
    today: string,
  ): Estimate {
    const rates = requireRates(snapshot);
    const policy = snapshot.slidingScalePolicy;
    if (policy === undefined) throw new EstimateError('The catalog has no sliding-scale policy yet');
    const level = definitionOf(request.levelOfCare);
    const start = request.serviceStartDate ?? today;
    const choice = choosePovertyTable(start, snapshot.povertyTables);
    if (choice === undefined) throw new EstimateError(`No poverty guidelines are in force on ${start}`);
    const { table } = choice;
    const { size, annualIncomeCents, state } = coverage.household;
    const region = regionForState(state);
    const guidelineCents = povertyGuidelineCents(table, region, size);
    const povertyPercent = percentOfPoverty(annualIncomeCents, guidelineCents);
    const { index, band } = bandFor(policy.bands, povertyPercent);
    const levelRates = rates.levels.find((l) => l.levelOfCare === request.levelOfCare);
    const programRule = request.levelOfCare === LevelOfCare.Iop ? rates.iopProgram : undefined;
    const price = (units: number) =>
      priceSelfPay({
        units,
        chargeCentsPerUnit: levelRates?.chargeCents ?? 0,
        cashCentsPerUnit: levelRates?.selfPayCents ?? 0,
        programRule,
        band,
      });
    const laidOut = layOutCourses(level, request.schedule ?? null, start);
    const { point, low, high } = laidOut;
    const result = price(point.units);
    const slidingScale: SlidingScaleApplied = {
      povertyPercent,
      guidelineYear: table.year,
      region,
      guidelineCents,
      band: { index, minPercent: band.minPercent, maxPercent: band.maxPercent },
      discountPercent: result.effectiveDiscountPercent,
      nominalFeeCents: band.nominalFeeCents ?? null,
    };
    const assumptions = [
      `Self-pay at the cash price${programRule === undefined ? ` of ${formatDollars(levelRates?.selfPayCents ?? 0)} per ${level.unit}` : ` for an IOP program (${formatDollars(programRule.perSessionDayCents)} a session day, at least ${formatDollars(programRule.programMinimumCents)} and at most ${formatDollars(programRule.programMaximumCents)} for a course)`}.`,
      `For ${plural(point.units, level.unit)}: ${result.parts.map(describePart).join(' + ')}, ${formatDollars(result.reductionCents)} below the full charge of ${formatDollars(result.chargeCents)}.`,
      `A household of ${size} in ${state} with ${formatDollars(annualIncomeCents)} a year is at ${povertyPercent}% of the ${table.year} poverty guideline (${formatDollars(guidelineCents)}).`,
      ...(choice.missing
        ? [
            `The ${choice.requestedYear} poverty guidelines are not in the catalog yet, so the ${table.year} figures were used; the discount may change once they are added.`,
          ]
        : []),
      band.nominalFeeCents !== undefined
        ? `At that income the sliding scale charges a nominal fee of ${formatDollars(band.nominalFeeCents)} per ${level.unit}.`
        : `At that income the sliding scale takes ${band.discountPercent ?? 0}% off the cash price.`,
      'You may ask for a Good Faith Estimate of expected charges (No Surprises Act).',
    ];
    return {
      ...common(level, request, start, laidOut, snapshot, assumptions),
      coverageType: 'self_pay',
      totalChargeCents: result.chargeCents,
      allowedCents: result.patientCents,
      planPaysCents: 0,
      patientResponsibilityCents: result.patientCents,
      breakdown: {
        deductibleCents: 0,
        copayCents: 0,
        coinsuranceCents: 0,
        balanceBillCents: 0,
        nonCoveredCents: 0,
        discountCents: result.discountCents,
      },
      range: {
        lowCents: price(low.units).patientCents,
        highCents: price(high.units).patientCents,
        lowUnits: low.units,
        highUnits: high.units,
      },
      preAuthRequired: false,
      parityConcern: false,
      slidingScale,
      selfPayPrice: { pricedBy: result.pricedBy, parts: result.parts, reductionCents: result.reductionCents },
      povertyGuidelines: { year: table.year, requestedYear: choice.requestedYear, missing: choice.missing },
      lines: [
        {
          fromUnit: 1,
          toUnit: point.units,
          units: point.units,
          fromDate: point.dates[0] ?? start,
          description:
            result.appliedBy === 'nominal_fee'
              ? `${plural(point.units, level.unit)} at the sliding-scale nominal fee`
              : `${plural(point.units, level.unit)} at the cash price, less the ${band.discountPercent ?? 0}% sliding-scale discount`,
          chargeCents: result.chargeCents,
          allowedCents: result.patientCents,
          copayCents: 0,
          deductibleCents: 0,
          coinsuranceCents: 0,
          balanceBillCents: 0,
          nonCoveredCents: 0,
          discountCents: result.discountCents,
          planPaysCents: 0,
          patientResponsibilityCents: result.patientCents,
        },
      ],
      accumulatorsAfter: null,
    };
  }
}

function requireRates(snapshot: CatalogSnapshot): NonNullable<CatalogSnapshot['providerRates']> {
  if (snapshot.providerRates === undefined) throw new EstimateError('The catalog has no rates yet');
  return snapshot.providerRates;
}

function allowedAmount(
  snapshot: CatalogSnapshot,
  plan: PlanView,
  coverage: InsuredCoverage,
  level: LevelOfCare,
  charge: number,
  assumptions: string[],
): number {
  if (coverage.network === 'in') {
    const contracted = snapshot.contractedRate(plan.payerId, plan.id, level);
    if (contracted === undefined) {
      assumptions.push(
        `No contracted rate is on file for this level: the full charge of ${formatDollars(charge)} is used as the allowed amount.`,
      );
      return charge;
    }
    assumptions.push(`Allowed amount: the contracted rate of ${formatDollars(contracted)} per unit.`);
    return contracted;
  }
  const out = plan.networks.out;
  if (out?.allowedAmount.method === 'percent_of_charge') {
    const allowed = applyBasisPoints(charge, percentToBasisPoints(out.allowedAmount.percent ?? 0));
    assumptions.push(
      `Allowed amount: ${out.allowedAmount.percent ?? 0}% of the charge, ${formatDollars(allowed)} per unit.`,
    );
    return allowed;
  }
  const fixed = snapshot.benefit(plan.id, 'out', level)?.allowedCentsPerUnit ?? 0;
  assumptions.push(`Allowed amount: the plan's out-of-network amount of ${formatDollars(fixed)} per unit.`);
  return fixed;
}

function common(
  level: ReturnType<typeof definitionOf>,
  request: EstimateRequest,
  start: string,
  { point, low, high, layout }: LaidOutCourses,
  snapshot: CatalogSnapshot,
  assumptions: string[],
): Pick<
  Estimate,
  'levelOfCare' | 'unit' | 'units' | 'schedule' | 'serviceStartDate' | 'assumptions' | 'disclaimer' | 'catalogVersion'
> {
  const schedule = request.schedule ?? null;
  assumptions.unshift(
    schedule === null
      ? `No schedule given: priced for a typical ${point.units}-${level.unit} course of ${level.name}; the range runs from ${low.units} to ${plural(high.units, level.unit)}.`
      : `${plural(point.units, level.unit)} of ${level.name}${'daysPerWeek' in schedule ? ` (${schedule.daysPerWeek} a week for ${plural(schedule.weeks, 'week')})` : ''}, starting ${start}.`,
    describeLayout(layout, point.dates) +
      (schedule === null ? ' The range’s shorter and longer courses are laid out the same way.' : ''),
  );
  return {
    levelOfCare: level.code,
    unit: level.unit,
    units: point.units,
    schedule,
    serviceStartDate: start,
    assumptions,
    disclaimer: ESTIMATE_DISCLAIMER,
    catalogVersion: snapshot.version,
  };
}

/** Units used count against one level's yearly limit: internal to pricing, not something a client passes on. */
function withoutUnitsUsed(accumulators: Accumulators): Omit<Accumulators, 'unitsUsedThisYear'> {
  const shown: Accumulators = { ...accumulators };
  delete shown.unitsUsedThisYear;
  return shown;
}

/** Runs of identical units become one line ("days 4–36: 20% coinsurance"). */
function summarize(units: PricedUnit[], dates: string[]): EstimateLine[] {
  const key = (u: PricedUnit): string =>
    JSON.stringify([
      u.chargeCents,
      u.allowedCents,
      u.copayCents,
      u.deductibleCents,
      u.coinsuranceCents,
      u.balanceBillCents,
      u.nonCoveredCents,
      u.planPaysCents,
      u.notes,
    ]);
  const runs: PricedUnit[][] = [];
  let runKey: string | undefined;
  for (const u of units) {
    const unitKey = key(u);
    const run = runs[runs.length - 1];
    if (run !== undefined && unitKey === runKey) run.push(u);
    else runs.push([u]);
    runKey = unitKey;
  }
  return runs.map((run) => {
    const first = run[0];
    const totals = sumUnits(run);
    return {
      fromUnit: first.unit,
      toUnit: first.unit + run.length - 1,
      units: run.length,
      fromDate: dates[first.unit - 1] ?? '',
      description: describe(first),
      chargeCents: totals.chargeCents,
      allowedCents: totals.allowedCents,
      copayCents: totals.copayCents,
      deductibleCents: totals.deductibleCents,
      coinsuranceCents: totals.coinsuranceCents,
      balanceBillCents: totals.balanceBillCents,
      nonCoveredCents: totals.nonCoveredCents,
      discountCents: 0,
      planPaysCents: totals.planPaysCents,
      patientResponsibilityCents: totals.patientCents,
    };
  });
}

function describe(u: PricedUnit): string {
  if (u.nonCoveredCents > 0)
    return `Not covered (${u.notes.join('; ')}): you pay the full charge of ${formatDollars(u.chargeCents)} each.`;
  const parts = [
    u.copayCents > 0 ? `${formatDollars(u.copayCents)} copay` : '',
    u.deductibleCents > 0 ? `${formatDollars(u.deductibleCents)} toward the deductible` : '',
    u.coinsuranceCents > 0 ? `${formatDollars(u.coinsuranceCents)} coinsurance` : '',
    u.balanceBillCents > 0 ? `${formatDollars(u.balanceBillCents)} balance bill` : '',
  ].filter((p) => p !== '');
  const you = parts.length === 0 ? 'you pay nothing' : `you pay ${parts.join(' + ')}`;
  const notes = u.notes.filter((n) => !n.startsWith('out of network: balance'));
  return `Allowed ${formatDollars(u.allowedCents)} each: ${you}; the plan pays ${formatDollars(u.planPaysCents)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
}

// prettier-ignore
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** A table, not Intl: formatting a date with toLocaleString cost about 8% of an estimate's CPU time. */
function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** A start date outside the window around today is a client mistake: a 400 naming the field. */
function assertServiceStartDate(serviceStartDate: string | undefined, today: string): void {
  if (serviceStartDate === undefined) return;
  const problem = serviceStartDateProblem(serviceStartDate, today);
  if (problem !== undefined) {
    throw CommonError.validation([{ field: 'serviceStartDate', messages: [`serviceStartDate ${problem}`] }]);
  }
}

function describePart(part: SelfPayPart): string {
  const label =
    part.pricedBy === 'iop_program_rule'
      ? 'at the IOP program price'
      : part.pricedBy === 'full_charge'
        ? 'at the full charge (lower than the cash price)'
        : 'at the per-unit cash price';
  return `${part.units} ${label} (${formatDollars(part.cents)})`;
}
