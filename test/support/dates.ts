/**
 * Calendar dates for tests, relative to the real clock (UTC), so the suite passes on any date and under
 * `npm run test:time-travel`. Use literal dates only where the code under test is given its own "now".
 */
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Today's date in UTC. */
export function today(): string {
  return isoDate(new Date());
}

/** The date `days` after (negative: before) `date`, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** The date `days` after (negative: before) today, in UTC. */
export function daysFromToday(days: number): string {
  return addDays(today(), days);
}
