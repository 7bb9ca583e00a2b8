import {
  describeWeekdays,
  layOutCourse,
  type LevelOfCareDefinition,
  plural,
  typicalDaysPerWeek,
  type WeeklyPattern,
  weeklyPattern,
} from '@continuum/domain';
import type { Schedule } from './estimate.types';

/** The number of units a schedule asks for. */
export const unitsOf = (schedule: Schedule): number =>
  'units' in schedule ? schedule.units : schedule.daysPerWeek * schedule.weeks;

/** How a course's units are put on dates: the schedule's days a week, else the level's usual ones. */
export interface CourseLayout {
  start: string;
  unit: LevelOfCareDefinition['unit'];
  daysPerWeek: number;
  pattern: WeeklyPattern;
  /** True when the schedule gave no days a week, so the level's typical pattern was used. */
  typical: boolean;
}

export function courseLayout(level: LevelOfCareDefinition, schedule: Schedule | null, start: string): CourseLayout {
  const given = schedule !== null && 'daysPerWeek' in schedule ? schedule.daysPerWeek : undefined;
  const daysPerWeek = given ?? typicalDaysPerWeek(level);
  return {
    start,
    unit: level.unit,
    daysPerWeek,
    pattern: weeklyPattern(daysPerWeek, start),
    typical: given === undefined,
  };
}

/** The service date of each of `units` units laid out on `layout`. */
export const courseDates = (layout: CourseLayout, units: number): string[] =>
  layOutCourse(layout.start, units, layout.pattern);

/** "24 days laid out 3 days a week (Mon, Wed, Fri) from 2026-12-07 to 2027-01-29, the usual …" */
export function describeLayout(layout: CourseLayout, dates: readonly string[]): string {
  const first = dates[0] ?? layout.start;
  const last = dates[dates.length - 1] ?? first;
  return (
    `${plural(dates.length, layout.unit)} laid out ${plural(layout.daysPerWeek, layout.unit)} a week ` +
    `(${describeWeekdays(layout.pattern)}) from ${first} to ${last}` +
    `${layout.typical ? ', the usual weekly pattern for this level of care' : ''}.`
  );
}

/** The start (YYYY-MM-DD) of the plan year a date falls in, for a plan year starting on month/day. */
export function planYearStartFor(date: string, start: { month: number; day: number }): string {
  const year = Number(date.slice(0, 4));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const thisYear = `${year}-${pad(start.month)}-${pad(start.day)}`;
  return date >= thisYear ? thisYear : `${year - 1}-${pad(start.month)}-${pad(start.day)}`;
}
