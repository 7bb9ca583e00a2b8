import { todayUtc } from '@continuum/domain';

/**
 * The one source of business time (received-at, deadlines, decision and review times, "today" for dates).
 * Services read it instead of `new Date()` or PostgreSQL's `now()`, and pass its instants to SQL as
 * parameters, so every time the app compares comes from the same clock, whatever the database's clock says.
 * Durations (elapsed milliseconds) keep using `Date.now()`/`performance.now()`: they never meet a stored time.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date (`YYYY-MM-DD`, UTC). */
  today(): string {
    return todayUtc(this.now());
  }
}

/** The process's clock (shifted as a whole by libfaketime under `npm run test:time-travel`). */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
