import { dateOfDayNumber, dayNumber } from './date-only';
import type { LevelOfCareDefinition } from './levels-of-care';

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The weekdays care is given on, Monday first; one unit on each. */
export interface WeeklyPattern {
  weekdays: readonly IsoWeekday[];
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** How a program of that many days a week is usually spread over the week (1: see `weeklyPattern`). */
const WEEKDAYS_BY_DAYS_PER_WEEK: Readonly<Record<number, readonly IsoWeekday[]>> = Object.freeze({
  2: [2, 4],
  3: [1, 3, 5],
  4: [1, 2, 4, 5],
  5: [1, 2, 3, 4, 5],
  6: [1, 2, 3, 4, 5, 6],
  7: [1, 2, 3, 4, 5, 6, 7],
});

/** The ISO weekday of a valid `YYYY-MM-DD` date (1970-01-01, day number 0, was a Thursday). */
export function isoWeekday(date: string): IsoWeekday {
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/**
 * The usual weekdays for care `daysPerWeek` days a week (1–7): 3 is Mon, Wed, Fri; 5 is Mon–Fri; 7 every
 * day. Once a week falls on the start date's weekday.
 */
export function weeklyPattern(daysPerWeek: number, start: string): WeeklyPattern {
  const weekdays = WEEKDAYS_BY_DAYS_PER_WEEK[daysPerWeek];
  if (weekdays !== undefined) return { weekdays };
  if (daysPerWeek === 1) return { weekdays: [isoWeekday(start)] };
  throw new RangeError(`daysPerWeek must be 1 to 7, not ${daysPerWeek}`);
}

/**
 * How many days a week a level of care is usually given: every day for a stay (detox, inpatient,
 * residential), the fewest days of its typical course for a program (IOP 3, PHP 5, outpatient 1).
 */
export function typicalDaysPerWeek(definition: LevelOfCareDefinition): number {
  const course = definition.typicalCourse;
  return course.kind === 'units' ? 7 : course.minDaysPerWeek;
}

/**
 * The service date of each of `units` units: one on each pattern weekday from `start` on (the first is the
 * first pattern day on or after `start`). A shorter course is always a prefix of a longer one from the same
 * start, so a range's courses and the point estimate cross plan years at the same dates.
 */
export function layOutCourse(start: string, units: number, pattern: WeeklyPattern): string[] {
  const onPattern = new Set<number>(pattern.weekdays);
  if (onPattern.size === 0) throw new RangeError('a weekly pattern needs at least one weekday');
  const dates: string[] = [];
  let day = dayNumber(start);
  let weekday: number = isoWeekday(start);
  while (dates.length < units) {
    if (onPattern.has(weekday)) dates.push(dateOfDayNumber(day));
    day += 1;
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  return dates;
}

/** `Mon, Wed, Fri`, `every day`. */
export function describeWeekdays(pattern: WeeklyPattern): string {
  if (pattern.weekdays.length === 7) return 'every day';
  return pattern.weekdays.map((weekday) => WEEKDAY_NAMES[weekday - 1]).join(', ');
}
