import {
  type Accumulators,
  type InsuredPricingResult,
  type LevelOfCareDefinition,
  type NetworkTerms,
  type PricedUnit,
  sumUnits,
  typicalUnitRange,
} from '@continuum/domain';
import { courseDates, courseLayout, type CourseLayout, planYearStartFor, unitsOf } from './course-dates';
import type { Schedule } from './estimate.types';

/** A course's units and the service date of each. */
export interface Course {
  units: number;
  dates: string[];
}

/** The course priced (point), the shortest and longest for the range, and how all three were laid out. */
export interface LaidOutCourses {
  point: Course;
  low: Course;
  high: Course;
  layout: CourseLayout;
}

/** What is already met in a plan year, before a course. */
export type Met = Omit<Accumulators, 'unitsUsedThisYear'>;

/** Prices `units` consecutive units of one plan year from `accumulators` (`continuesStay`: not the first). */
export type PricePlanYearSegment = (
  units: number,
  accumulators: Accumulators,
  continuesStay: boolean,
) => InsuredPricingResult;

/**
 * The course priced (point), and the shortest and longest courses for the range, all laid out on the same
 * weekly pattern from the same start: each is a prefix of the longer ones, so all three cross a plan year on
 * the same dates and the point estimate lies within the range.
 */
export function layOutCourses(level: LevelOfCareDefinition, schedule: Schedule | null, start: string): LaidOutCourses {
  const layout = courseLayout(level, schedule, start);
  const make = (units: number): Course => ({ units, dates: courseDates(layout, units) });
  if (schedule !== null) {
    const course = make(unitsOf(schedule));
    return { point: course, low: course, high: course, layout };
  }
  const { minUnits, maxUnits } = typicalUnitRange(level);
  return { point: make(Math.round((minUnits + maxUnits) / 2)), low: make(minUnits), high: make(maxUnits), layout };
}

/**
 * The insured point estimate and range. The point and the high end start from what was given (nothing met
 * when not given); the low end from what was given, else from the deductible already met. All three are
 * split at plan-year boundaries the same way (`priceAcrossPlanYears`).
 */
export function priceInsuredCourses(input: {
  courses: LaidOutCourses;
  planYearStart: { month: number; day: number };
  terms: NetworkTerms;
  given: Met | undefined;
  price: PricePlanYearSegment;
}): { result: InsuredPricingResult; lowCents: number; highCents: number } {
  const { courses, planYearStart, terms, given, price } = input;
  const nothingMet: Met = { deductibleMetCents: 0, outOfPocketMetCents: 0 };
  // Deductible payments count toward the out-of-pocket maximum too.
  const deductibleMet: Met = {
    deductibleMetCents: terms.deductible.individualCents,
    outOfPocketMetCents: Math.min(terms.deductible.individualCents, terms.outOfPocketMax.individualCents),
  };
  const priced = (course: Course, met: Met) => priceAcrossPlanYears(course, planYearStart, met, price);
  const result = priced(courses.point, given ?? nothingMet);
  const lowCents = priced(courses.low, given ?? deductibleMet).totals.patientCents;
  const highCents = priced(courses.high, given ?? nothingMet).totals.patientCents;
  return { result, lowCents: Math.min(lowCents, highCents), highCents: Math.max(lowCents, highCents) };
}

/**
 * Prices a course split at plan-year boundaries: what was met resets to nothing (and the yearly unit count
 * to zero) on the first unit of a new plan year.
 */
export function priceAcrossPlanYears(
  course: Course,
  planYearStart: { month: number; day: number },
  accumulators: Met,
  price: PricePlanYearSegment,
): InsuredPricingResult {
  const units: PricedUnit[] = [];
  let carried: Accumulators = { ...accumulators, unitsUsedThisYear: 0 };
  let after: Accumulators = carried;
  for (let index = 0; index < course.units;) {
    const year = planYearStartFor(course.dates[index] ?? '', planYearStart);
    let end = index;
    while (end < course.units && planYearStartFor(course.dates[end] ?? '', planYearStart) === year) end += 1;
    const segment = price(end - index, carried, index > 0);
    units.push(...segment.units.map((u) => ({ ...u, unit: u.unit + index })));
    after = segment.accumulatorsAfter;
    carried = zeroed(after);
    index = end;
  }
  return { units, totals: sumUnits(units), accumulatorsAfter: after };
}

/** The accumulators at the start of the next plan year: nothing met, family coverage kept. */
const zeroed = (after: Accumulators): Accumulators => ({
  deductibleMetCents: 0,
  outOfPocketMetCents: 0,
  ...(after.familyDeductibleMetCents !== undefined
    ? { familyDeductibleMetCents: 0, familyOutOfPocketMetCents: 0 }
    : {}),
  unitsUsedThisYear: 0,
});
