import fc from 'fast-check';
import {
  type BenefitTerms,
  dateOfDayNumber,
  dayNumber,
  LEVEL_OF_CARE_CODES,
  LevelOfCare,
  levelOfCare,
  type LevelOfCareDefinition,
  type NetworkTerms,
  priceInsured,
} from '@continuum/domain';
import { planYearStartFor } from './course-dates';
import { layOutCourses, type Met, priceInsuredCourses } from './course-pricing';
import type { Schedule } from './estimate.types';

const PPO: NetworkTerms = {
  deductible: { individualCents: 150_000, familyCents: 300_000 },
  deductibleEmbedded: true,
  outOfPocketMax: { individualCents: 600_000, familyCents: 1_200_000 },
};

const COINSURANCE: BenefitTerms = {
  covered: true,
  copayCents: 0,
  copayPer: 'day',
  copayBeforeDeductible: false,
  deductibleApplies: true,
  coinsuranceBp: 2_000,
  maxUnitsPerYear: null,
};

function priceCourses(input: {
  level: LevelOfCareDefinition;
  schedule: Schedule | null;
  start: string;
  planYearStart?: { month: number; day: number };
  terms?: NetworkTerms;
  benefit?: BenefitTerms;
  given?: Met;
}) {
  const { level, schedule, start, planYearStart = { month: 1, day: 1 }, terms = PPO, benefit = COINSURANCE } = input;
  const courses = layOutCourses(level, schedule, start);
  const priced = priceInsuredCourses({
    courses,
    planYearStart,
    terms,
    given: input.given,
    price: (units, accumulators, continuesStay) =>
      priceInsured({
        units,
        continuesStay,
        network: 'in',
        chargeCentsPerUnit: 45_000,
        allowedCentsPerUnit: 32_000,
        balanceBillingAllowed: false,
        benefit,
        terms,
        accumulators,
      }),
  });
  return { courses, ...priced };
}

describe('insured point estimate and range', () => {
  it('lays an IOP course with no schedule out 3 days a week, so a December low end owes January’s deductible', () => {
    // Monday 2026-12-07: Mon/Wed/Fri gives 11 days in December. The low end (24 days, deductible met) pays
    // 11 × 20% of $320 = $704 in December; in January $1,500 of deductible over 4 days and a bit, then
    // coinsurance: $1,280 + ($220 + $20) + 8 × $64 = $2,032. Laid on consecutive days it all fell in December.
    const { courses, result, lowCents, highCents } = priceCourses({
      level: levelOfCare(LevelOfCare.Iop),
      schedule: null,
      start: '2026-12-07',
    });
    expect(courses.low.dates.slice(0, 4)).toEqual(['2026-12-07', '2026-12-09', '2026-12-11', '2026-12-14']);
    expect(courses.low.dates.filter((d) => d < '2027-01-01')).toHaveLength(11);
    expect(lowCents).toBe(70_400 + 203_200);
    // Point (42 days) and high (60 days) from nothing met: December $1,904, then a new deductible.
    expect(result.totals.patientCents).toBe(190_400 + 152_000 + 26 * 6_400);
    expect(highCents).toBe(190_400 + 152_000 + 44 * 6_400);
  });

  const level = fc.oneof(
    fc.constantFrom(...LEVEL_OF_CARE_CODES).map((code) => levelOfCare(code)),
    // Other typical courses, so many unit counts are covered.
    fc
      .record({ min: fc.integer({ min: 1, max: 60 }), extra: fc.integer({ min: 0, max: 90 }) })
      .map(({ min, extra }) => ({
        ...levelOfCare(LevelOfCare.Residential),
        typicalCourse: { kind: 'units' as const, minUnits: min, maxUnits: min + extra },
      })),
    fc
      .record({
        minWeeks: fc.integer({ min: 1, max: 12 }),
        moreWeeks: fc.integer({ min: 0, max: 14 }),
        minDays: fc.integer({ min: 1, max: 7 }),
        moreDays: fc.integer({ min: 0, max: 6 }),
      })
      .map(({ minWeeks, moreWeeks, minDays, moreDays }) => ({
        ...levelOfCare(LevelOfCare.Iop),
        typicalCourse: {
          kind: 'weeks' as const,
          minWeeks,
          maxWeeks: minWeeks + moreWeeks,
          minDaysPerWeek: minDays,
          maxDaysPerWeek: Math.min(7, minDays + moreDays),
        },
      })),
  );
  const day = (date: string) => fc.constant(dayNumber(date));
  // Any date 2023–2031, often the last weeks of a year or around a leap day.
  const start = fc
    .oneof(
      fc.integer({ min: dayNumber('2023-01-01'), max: dayNumber('2031-12-31') }),
      fc
        .tuple(fc.integer({ min: 2023, max: 2031 }), fc.integer({ min: 0, max: 30 }))
        .chain(([year, back]) => day(`${year}-12-31`).map((last) => last - back)),
      fc
        .tuple(fc.constantFrom(2024, 2028), fc.integer({ min: -40, max: 10 }))
        .chain(([year, offset]) => day(`${year}-02-29`).map((leapDay) => leapDay + offset)),
    )
    .map(dateOfDayNumber);
  const benefit = fc.constantFrom<BenefitTerms>(
    COINSURANCE,
    { ...COINSURANCE, copayCents: 5_000, copayBeforeDeductible: true, deductibleApplies: false, coinsuranceBp: 0 },
    { ...COINSURANCE, copayCents: 25_000, copayPer: 'admission' },
    { ...COINSURANCE, maxUnitsPerYear: 20 },
  );
  const terms = fc.constantFrom<NetworkTerms>(PPO, {
    ...PPO,
    deductible: { individualCents: 330_000, familyCents: 660_000 },
    outOfPocketMax: { individualCents: 400_000, familyCents: 800_000 },
  });
  const planYearStart = fc.constantFrom({ month: 1, day: 1 }, { month: 7, day: 1 });
  const given = fc.option(
    fc.integer({ min: 0, max: 150_000 }).map((paid) => ({ deductibleMetCents: paid, outOfPocketMetCents: paid })),
    { nil: undefined },
  );

  it('puts the point estimate within the range, every course seeing the same plan years from the start', () => {
    fc.assert(
      fc.property(
        fc.record({ level, start, benefit, terms, planYearStart, given }),
        ({ level, start, benefit, terms, planYearStart, given }) => {
          const { courses, result, lowCents, highCents } = priceCourses({
            level,
            schedule: null,
            start,
            benefit,
            terms,
            planYearStart,
            given,
          });
          const point = result.totals.patientCents;
          expect(lowCents).toBeLessThanOrEqual(point);
          expect(point).toBeLessThanOrEqual(highCents);
          const years = (dates: string[]) => [...new Set(dates.map((d) => planYearStartFor(d, planYearStart)))];
          const [low, mid, high] = [courses.low, courses.point, courses.high].map((c) => years(c.dates));
          // The shorter courses see a leading run of the longer ones' plan years, in the same order.
          expect(mid.slice(0, low.length)).toEqual(low);
          expect(high.slice(0, mid.length)).toEqual(mid);
          expect(result.units).toHaveLength(courses.point.units);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
