import fc from 'fast-check';
import { describeWeekdays, isoWeekday, layOutCourse, typicalDaysPerWeek, weeklyPattern } from './course-layout';
import { dateOfDayNumber, dayNumber } from './date-only';
import { LevelOfCare, levelOfCare } from './levels-of-care';

const anyDate = fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2099-12-31') }).map(dateOfDayNumber);

describe('isoWeekday', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-12-07', 1],
    ['2026-12-05', 6],
    ['2026-12-06', 7],
    ['2024-02-29', 4],
    ['1969-12-29', 1],
  ])('%s is weekday %d', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it('agrees with Date for any date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(isoWeekday(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay() || 7);
      }),
    );
  });
});

describe('typicalDaysPerWeek', () => {
  it.each([
    [LevelOfCare.Detox, 7],
    [LevelOfCare.Inpatient, 7],
    [LevelOfCare.Residential, 7],
    [LevelOfCare.Php, 5],
    [LevelOfCare.Iop, 3],
    [LevelOfCare.Outpatient, 1],
  ])('%s: %d days a week', (level, days) => {
    expect(typicalDaysPerWeek(levelOfCare(level))).toBe(days);
  });
});

describe('layOutCourse', () => {
  it('lays IOP out Mon, Wed, Fri from the first of those on or after a Saturday start, across the new year', () => {
    expect(layOutCourse('2026-12-26', 5, weeklyPattern(3, '2026-12-26'))).toEqual([
      '2026-12-28',
      '2026-12-30',
      '2027-01-01',
      '2027-01-04',
      '2027-01-06',
    ]);
  });

  it('lays a stay on consecutive days through February 29', () => {
    expect(layOutCourse('2024-02-27', 4, weeklyPattern(7, '2024-02-27'))).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('lays weekly sessions on the start date’s weekday', () => {
    expect(layOutCourse('2026-12-10', 3, weeklyPattern(1, '2026-12-10'))).toEqual([
      '2026-12-10',
      '2026-12-17',
      '2026-12-24',
    ]);
  });

  it('refuses a pattern it cannot lay out', () => {
    expect(() => weeklyPattern(0, '2026-12-10')).toThrow(RangeError);
    expect(() => weeklyPattern(8, '2026-12-10')).toThrow(RangeError);
    expect(() => layOutCourse('2026-12-10', 1, { weekdays: [] })).toThrow(RangeError);
  });

  it('gives that many dates, increasing, on pattern weekdays only, each a prefix of a longer course', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 120 }),
        (start, perWeek, units) => {
          const pattern = weeklyPattern(perWeek, start);
          const dates = layOutCourse(start, units, pattern);
          expect(dates).toHaveLength(units);
          expect(dates.every((d) => d >= start && pattern.weekdays.includes(isoWeekday(d)))).toBe(true);
          expect(dates.every((d, i) => i === 0 || d > (dates[i - 1] ?? ''))).toBe(true);
          // perWeek units in every 7 calendar days from the first date.
          const first = dates[0];
          if (first !== undefined) {
            expect(dayNumber(dates[dates.length - 1] ?? first) - dayNumber(first)).toBeLessThan(
              Math.ceil(units / perWeek) * 7,
            );
          }
          expect(layOutCourse(start, units + 5, pattern).slice(0, units)).toEqual(dates);
        },
      ),
    );
  });
});

describe('describeWeekdays', () => {
  it.each([
    [3, 'Mon, Wed, Fri'],
    [5, 'Mon, Tue, Wed, Thu, Fri'],
    [7, 'every day'],
    [1, 'Thu'],
  ])('%d a week: %s', (perWeek, text) => {
    expect(describeWeekdays(weeklyPattern(perWeek, '2026-12-10'))).toBe(text);
  });
});
