import { isDateOnly } from './date-only';

/**
 * US federal holidays (5 U.S.C. 6103) as observed: a holiday on a Saturday is observed the Friday before,
 * on a Sunday the Monday after. Computed, so no table needs a yearly update.
 */
export function federalHolidays(year: number): string[] {
  const date = (month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));
  /** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last. */
  const nthWeekday = (month: number, weekday: number, n: number): Date => {
    if (n > 0) {
      const first = date(month, 1);
      return date(month, 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7);
    }
    const last = new Date(Date.UTC(year, month, 0));
    return date(month, last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7));
  };
  const observed = (d: Date): Date => {
    const shift = d.getUTCDay() === 6 ? -1 : d.getUTCDay() === 0 ? 1 : 0;
    return new Date(d.getTime() + shift * 86_400_000);
  };
  return [
    observed(date(1, 1)),
    nthWeekday(1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(2, 1, 3), // Washington's Birthday
    nthWeekday(5, 1, -1), // Memorial Day
    observed(date(6, 19)), // Juneteenth
    observed(date(7, 4)),
    nthWeekday(9, 1, 1), // Labor Day
    nthWeekday(10, 1, 2), // Columbus Day
    observed(date(11, 11)),
    nthWeekday(11, 4, 4), // Thanksgiving
    observed(date(12, 25)),
  ].map((d) => d.toISOString().slice(0, 10));
}

const holidayCache = new Map<number, ReadonlySet<string>>();

export function isBusinessDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(day.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (holidays === undefined) {
    // New Year's Day of the next year may be observed on Dec 31 of this one.
    holidays = new Set([...federalHolidays(year), ...federalHolidays(year + 1)]);
    holidayCache.set(year, holidays);
  }
  return !holidays.has(day);
}

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The date `count` business days after `day` (not counting `day` itself). */
export function addBusinessDays(day: string, count: number): string {
  if (!isDateOnly(day)) throw new RangeError(`not a YYYY-MM-DD date: ${String(day)}`);
  let current = day;
  for (let added = 0; added < count;) {
    current = nextDay(current);
    if (isBusinessDay(current)) added += 1;
  }
  return current;
}

/**
 * Business days strictly after `from` up to and including `to` (0 when `to` is not after `from`), counting
 * no further than `limit`: callers ask "at least n?", and a date centuries ahead must not walk every day.
 */
export function businessDaysBetween(from: string, to: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (!isDateOnly(from) || !isDateOnly(to)) throw new RangeError('dates must be YYYY-MM-DD');
  let count = 0;
  for (let current = nextDay(from); current <= to && count < limit; current = nextDay(current)) {
    if (isBusinessDay(current)) count += 1;
  }
  return count;
}
