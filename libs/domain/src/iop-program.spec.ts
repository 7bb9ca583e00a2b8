import {
  checkIopProgramBand,
  DEFAULT_IOP_PROGRAM_BAND,
  IOP_FULL_PROGRAM_COURSES,
  type IopProgramRule,
  iopProgramPriceCents,
} from './iop-program';

const rule = (overrides: Partial<IopProgramRule> = {}): IopProgramRule => ({
  perSessionDayCents: 15_000,
  programMinimumCents: 0,
  programMaximumCents: 10_000_000,
  ...overrides,
});

describe('iopProgramPriceCents', () => {
  it('charges per session day between the minimum and the maximum', () => {
    expect(iopProgramPriceCents(rule({ programMinimumCents: 300_000, programMaximumCents: 800_000 }), 40)).toBe(
      600_000,
    );
  });

  it('raises a short course to the program minimum', () => {
    expect(iopProgramPriceCents(rule({ programMinimumCents: 300_000 }), 10)).toBe(300_000);
  });

  it('caps a long course at the program maximum', () => {
    expect(iopProgramPriceCents(rule({ programMaximumCents: 800_000 }), 60)).toBe(800_000);
  });

  it.each([0, -1, 2.5])('refuses %p session days', (sessionDays) => {
    expect(() => iopProgramPriceCents(rule(), sessionDays)).toThrow(RangeError);
  });

  it('refuses an inconsistent rule', () => {
    expect(() =>
      iopProgramPriceCents(rule({ programMinimumCents: 900_000, programMaximumCents: 800_000 }), 30),
    ).toThrow(RangeError);
  });
});

describe('IOP_FULL_PROGRAM_COURSES', () => {
  it('covers 8 to 12 weeks at 3 to 5 days a week', () => {
    expect(IOP_FULL_PROGRAM_COURSES).toHaveLength(15);
    expect(IOP_FULL_PROGRAM_COURSES[0]).toEqual({ weeks: 8, daysPerWeek: 3 });
    expect(IOP_FULL_PROGRAM_COURSES[14]).toEqual({ weeks: 12, daysPerWeek: 5 });
    const sessionDays = IOP_FULL_PROGRAM_COURSES.map(({ weeks, daysPerWeek }) => weeks * daysPerWeek);
    expect(Math.min(...sessionDays)).toBe(24);
    expect(Math.max(...sessionDays)).toBe(60);
  });
});

describe('checkIopProgramBand', () => {
  it('passes $150 a session day: every course costs $3,600 to $9,000', () => {
    expect(checkIopProgramBand(rule(), DEFAULT_IOP_PROGRAM_BAND)).toEqual([]);
  });

  it('names the one course a $120 day rate prices below $3,000', () => {
    expect(checkIopProgramBand(rule({ perSessionDayCents: 12_000 }), DEFAULT_IOP_PROGRAM_BAND)).toEqual([
      {
        field: 'rates.iopProgram',
        message: 'an 8-week course at 3 days a week costs $2,880.00, below the $3,000.00 minimum',
      },
    ]);
  });

  it('lets a program minimum lift short courses into the band', () => {
    expect(
      checkIopProgramBand(rule({ perSessionDayCents: 12_000, programMinimumCents: 300_000 }), DEFAULT_IOP_PROGRAM_BAND),
    ).toEqual([]);
  });

  it('names every course a $200 day rate prices above $10,000', () => {
    // 55 and 60 session days cost $11,000 and $12,000; 50 days is exactly $10,000, still inside.
    expect(checkIopProgramBand(rule({ perSessionDayCents: 20_000 }), DEFAULT_IOP_PROGRAM_BAND)).toEqual([
      {
        field: 'rates.iopProgram',
        message: 'an 11-week course at 5 days a week costs $11,000.00, above the $10,000.00 maximum',
      },
      {
        field: 'rates.iopProgram',
        message: 'a 12-week course at 5 days a week costs $12,000.00, above the $10,000.00 maximum',
      },
    ]);
  });

  it('lets a program maximum cap long courses into the band', () => {
    expect(
      checkIopProgramBand(
        rule({ perSessionDayCents: 20_000, programMaximumCents: 1_000_000 }),
        DEFAULT_IOP_PROGRAM_BAND,
      ),
    ).toEqual([]);
  });

  it('reports an inconsistent rule instead of pricing it', () => {
    expect(
      checkIopProgramBand(
        rule({ programMinimumCents: 900_000, programMaximumCents: 800_000 }),
        DEFAULT_IOP_PROGRAM_BAND,
      ),
    ).toEqual([
      {
        field: 'rates.iopProgram.programMinimumCents',
        message: '$9,000.00 is above the program maximum of $8,000.00',
      },
    ]);
    expect(
      checkIopProgramBand(rule({ perSessionDayCents: -1, programMaximumCents: 12.5 }), DEFAULT_IOP_PROGRAM_BAND),
    ).toEqual([
      { field: 'rates.iopProgram.perSessionDayCents', message: 'must be a whole number of cents ≥ 0' },
      { field: 'rates.iopProgram.programMaximumCents', message: 'must be a whole number of cents ≥ 0' },
    ]);
  });

  it('refuses a band that is not a range', () => {
    expect(() => checkIopProgramBand(rule(), { minCents: 1_000_000, maxCents: 300_000 })).toThrow(RangeError);
  });
});
