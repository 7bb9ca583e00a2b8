import fc from 'fast-check';
import { addDays, dateOfDayNumber, dayNumber, daysBetween, isDateOnly, todayUtc } from './date-only';

describe('isDateOnly', () => {
  it.each(['2025-01-15', '2024-02-29', '2000-02-29', '2025-12-31'])('accepts %p', (value) => {
    expect(isDateOnly(value)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '0000-01-01',
    '2025-1-15',
    '2025-01-15T00:00:00Z',
    '',
    20250115,
    null,
  ])('rejects %p', (value) => {
    expect(isDateOnly(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-10', 0, '2026-01-10'],
    ['2026-01-10', 5, '2026-01-15'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-03-07', 2, '2026-03-09'],
    ['2026-10-31', 2, '2026-11-02'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
  ])('%s + %p days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-10', '2026-01-10', 0],
    ['2026-01-10', '2026-01-15', 5],
    ['2026-01-15', '2026-01-10', -5],
    ['2026-01-31', '2026-02-01', 1],
    ['2026-12-31', '2027-01-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
    ['2026-03-07', '2026-03-09', 2],
    ['2026-10-31', '2026-11-02', 2],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('from %s to %s is %p days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-01-10', 17],
    ['2028-02-20', 12],
    ['2026-12-25', -30],
  ])('undoes addDays (%s, %p)', (date, days) => {
    expect(daysBetween(date, addDays(date, days))).toBe(days);
  });
});

describe('todayUtc', () => {
  it.each([
    ['2026-01-10T00:00:00.000Z', '2026-01-10'],
    ['2026-01-10T23:59:59.999Z', '2026-01-10'],
    // 9 pm in New York on 9 March is already 10 March in UTC.
    ['2026-03-09T21:00:00-04:00', '2026-03-10'],
    // Just after midnight in Berlin on 1 January is still 31 December in UTC.
    ['2027-01-01T00:30:00+01:00', '2026-12-31'],
    ['2028-02-29T12:00:00Z', '2028-02-29'],
  ])('%s → %s', (instant, expected) => {
    expect(todayUtc(new Date(instant))).toBe(expected);
  });

  it('defaults to now', () => {
    const before = new Date().toISOString().slice(0, 10);
    const today = todayUtc();
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(today);
    expect(isDateOnly(today)).toBe(true);
  });
});

describe('day numbers', () => {
  /** What the calendar says, through `Date` (the implementation this replaced). */
  const viaDate = (date: string, days: number): string =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const anyDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
    .map((value) => value.toISOString().slice(0, 10));

  it('count days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01')).toBe(11_017);
    expect(dateOfDayNumber(11_016)).toBe('2000-02-29');
  });

  it('agree with the calendar for any date and offset (leap years, century years, negative offsets)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        expect(addDays(date, days)).toBe(viaDate(date, days));
        expect(daysBetween(date, addDays(date, days))).toBe(days);
        expect(dateOfDayNumber(dayNumber(date))).toBe(date);
      }),
      { numRuns: 5_000 },
    );
  });
});
