import { addDays } from './date-only';
import { SERVICE_START_WINDOW_DAYS, serviceStartDateProblem } from './estimate-input-limits';

describe('serviceStartDateProblem', () => {
  // Any fixed "today" works: the window is relative to the injected date, never to the wall clock.
  const today = '2031-03-10';

  it('accepts today and both ends of the window', () => {
    expect(serviceStartDateProblem(today, today)).toBeUndefined();
    expect(serviceStartDateProblem(addDays(today, -SERVICE_START_WINDOW_DAYS.before), today)).toBeUndefined();
    expect(serviceStartDateProblem(addDays(today, SERVICE_START_WINDOW_DAYS.after), today)).toBeUndefined();
  });

  it('refuses a day past either end, naming the limit', () => {
    expect(serviceStartDateProblem(addDays(today, -SERVICE_START_WINDOW_DAYS.before - 1), today)).toBe(
      `must be on or after ${addDays(today, -SERVICE_START_WINDOW_DAYS.before)} (at most 366 days ago)`,
    );
    expect(serviceStartDateProblem(addDays(today, SERVICE_START_WINDOW_DAYS.after + 1), today)).toMatch(
      /^must be on or before /,
    );
  });

  it('refuses the far future that used to answer year 10000', () => {
    expect(serviceStartDateProblem('9999-12-31', today)).toBeDefined();
  });
});
