import { type CareUnit, dateOfDayNumber, dayNumber } from '@continuum/domain';
import type { Schedule } from './estimate.types';

/** The number of units a schedule asks for. */
export const unitsOf = (schedule: Schedule): number =>
  'units' in schedule ? schedule.units : schedule.daysPerWeek * schedule.weeks;

/**
 * The service date of each unit: with days a week, that many consecutive days at the start of each week;
 * with a bare unit count, one unit a day (day levels) or one session a week (session levels).
 */
export function courseDates(start: string, units: number, unit: CareUnit, schedule: Schedule | null): string[] {
  const perWeek = schedule !== null && 'daysPerWeek' in schedule ? schedule.daysPerWeek : unit === 'day' ? 7 : 1;
  const first = dayNumber(start);
  return Array.from({ length: units }, (_, k) => dateOfDayNumber(first + Math.floor(k / perWeek) * 7 + (k % perWeek)));
}

/** The start (YYYY-MM-DD) of the plan year a date falls in, for a plan year starting on month/day. */
export function planYearStartFor(date: string, start: { month: number; day: number }): string {
  const year = Number(date.slice(0, 4));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const thisYear = `${year}-${pad(start.month)}-${pad(start.day)}`;
  return date >= thisYear ? thisYear : `${year - 1}-${pad(start.month)}-${pad(start.day)}`;
}
