import { type CatalogProblem } from './catalog-problems';
import { deepFreeze } from './deep-freeze';
import { LevelOfCare, levelOfCare } from './levels-of-care';
import { type Cents, formatDollars, isCents } from './money';

/**
 * How a facility prices a self-pay IOP course: per session day, but never below a program minimum nor
 * above a program maximum, so a short course still covers intake and a long one stays affordable.
 */
export interface IopProgramRule {
  perSessionDayCents: Cents;
  programMinimumCents: Cents;
  programMaximumCents: Cents;
}

/**
 * The self-pay price of an IOP course of `sessionDays` days: `clamp(sessionDays × perSessionDayCents,
 * programMinimumCents, programMaximumCents)`.
 * @throws RangeError when `sessionDays` is not an integer ≥ 1, or the rule is inconsistent
 *   (see `checkIopProgramBand`).
 */
export function iopProgramPriceCents(rule: IopProgramRule, sessionDays: number): Cents {
  if (!Number.isSafeInteger(sessionDays) || sessionDays < 1) {
    throw new RangeError(`An IOP course must have a whole number of session days ≥ 1, got ${sessionDays}`);
  }
  const [problem] = ruleProblems(rule);
  if (problem !== undefined) {
    throw new RangeError(`Inconsistent IOP program rule: ${problem.field} ${problem.message}`);
  }
  const uncapped = sessionDays * rule.perSessionDayCents;
  return Math.min(Math.max(uncapped, rule.programMinimumCents), rule.programMaximumCents);
}

/** A range a price must fall in, both ends included. */
export interface PriceBand {
  minCents: Cents;
  maxCents: Cents;
}

/** What a full IOP program typically costs in the market: $3,000 to $10,000 (docs/domain.md, "Prices"). */
export const DEFAULT_IOP_PROGRAM_BAND: PriceBand = Object.freeze({ minCents: 300_000, maxCents: 1_000_000 });

export interface IopCourse {
  weeks: number;
  daysPerWeek: number;
}

/** Every full IOP course length: 8 to 12 weeks at 3 to 5 days a week, from the IOP's typical course. */
export const IOP_FULL_PROGRAM_COURSES: readonly IopCourse[] = deepFreeze(fullProgramCourses());

function fullProgramCourses(): IopCourse[] {
  const course = levelOfCare(LevelOfCare.Iop).typicalCourse;
  if (course.kind !== 'weeks') {
    throw new Error('The IOP typical course must be counted in weeks');
  }
  const courses: IopCourse[] = [];
  for (let weeks = course.minWeeks; weeks <= course.maxWeeks; weeks++) {
    for (let daysPerWeek = course.minDaysPerWeek; daysPerWeek <= course.maxDaysPerWeek; daysPerWeek++) {
      courses.push({ weeks, daysPerWeek });
    }
  }
  return courses;
}

const FIELD = 'rates.iopProgram';

/**
 * Catalog problems of an IOP program rule: the rule's own inconsistencies, else one problem for every
 * full-program course (`IOP_FULL_PROGRAM_COURSES`) whose price falls outside `band`. Empty when usable.
 * @throws RangeError when the band itself is not a valid range of cents (a configuration error).
 */
export function checkIopProgramBand(rule: IopProgramRule, band: PriceBand): CatalogProblem[] {
  if (!isCents(band.minCents) || !isCents(band.maxCents) || band.minCents > band.maxCents) {
    throw new RangeError(`Invalid IOP program price band: ${band.minCents}–${band.maxCents} cents`);
  }
  const problems = ruleProblems(rule);
  if (problems.length > 0) return problems;

  for (const { weeks, daysPerWeek } of IOP_FULL_PROGRAM_COURSES) {
    const priceCents = iopProgramPriceCents(rule, weeks * daysPerWeek);
    const course = `${articleFor(weeks)} ${weeks}-week course at ${daysPerWeek} days a week costs ${formatDollars(priceCents)}`;
    if (priceCents < band.minCents) {
      problems.push({ field: FIELD, message: `${course}, below the ${formatDollars(band.minCents)} minimum` });
    } else if (priceCents > band.maxCents) {
      problems.push({ field: FIELD, message: `${course}, above the ${formatDollars(band.maxCents)} maximum` });
    }
  }
  return problems;
}

function ruleProblems(rule: IopProgramRule): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const key of ['perSessionDayCents', 'programMinimumCents', 'programMaximumCents'] as const) {
    if (!isCents(rule[key])) {
      problems.push({ field: `${FIELD}.${key}`, message: 'must be a whole number of cents ≥ 0' });
    }
  }
  if (problems.length === 0 && rule.programMinimumCents > rule.programMaximumCents) {
    problems.push({
      field: `${FIELD}.programMinimumCents`,
      message: `${formatDollars(rule.programMinimumCents)} is above the program maximum of ${formatDollars(rule.programMaximumCents)}`,
    });
  }
  return problems;
}

/** "an 8-week", "an 11-week", "a 12-week". */
function articleFor(count: number): 'a' | 'an' {
  const spoken = String(count);
  return spoken.startsWith('8') || spoken === '11' || spoken === '18' ? 'an' : 'a';
}
