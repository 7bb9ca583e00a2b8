import {
  choosePovertyTable,
  guidelineTableFor,
  percentOfPoverty,
  povertyGuidelineCents,
  type PovertyGuidelineTable,
  regionForState,
  validatePovertyGuidelineTable,
} from './poverty-guidelines';

const table2024 = (): PovertyGuidelineTable => ({
  year: 2024,
  effectiveDate: '2024-01-17',
  regions: {
    contiguous: { baseCents: 1_506_000, incrementCents: 538_000 },
    alaska: { baseCents: 1_881_000, incrementCents: 673_000 },
    hawaii: { baseCents: 1_731_000, incrementCents: 619_000 },
  },
});

const table2025 = (): PovertyGuidelineTable => ({
  year: 2025,
  effectiveDate: '2025-01-15',
  regions: {
    contiguous: { baseCents: 1_565_000, incrementCents: 550_000 },
    alaska: { baseCents: 1_955_000, incrementCents: 688_000 },
    hawaii: { baseCents: 1_799_000, incrementCents: 633_000 },
  },
});

describe('regionForState', () => {
  it('puts Alaska and Hawaii in their own regions and the rest, DC included, in the contiguous one', () => {
    expect(regionForState('AK')).toBe('alaska');
    expect(regionForState('HI')).toBe('hawaii');
    expect(regionForState('DC')).toBe('contiguous');
    expect(regionForState('TX')).toBe('contiguous');
  });

  it.each(['PR', 'ak', '', 'Alaska'])('refuses %p', (state) => {
    expect(() => regionForState(state)).toThrow(RangeError);
  });
});

describe('guidelineTableFor', () => {
  const tables = [table2025(), table2024()];

  it('uses the previous year’s table until the new one takes effect', () => {
    expect(guidelineTableFor('2025-01-14', tables)?.year).toBe(2024);
    expect(guidelineTableFor('2025-01-15', tables)?.year).toBe(2025);
    expect(guidelineTableFor('2025-12-31', tables)?.year).toBe(2025);
    expect(guidelineTableFor('2026-03-01', tables)?.year).toBe(2025);
  });

  it('has no table before the earliest one takes effect', () => {
    expect(guidelineTableFor('2024-01-16', tables)).toBeUndefined();
    expect(guidelineTableFor('2025-06-01', [])).toBeUndefined();
  });

  it('refuses a service date that is not YYYY-MM-DD', () => {
    expect(() => guidelineTableFor('2025-1-15', tables)).toThrow(RangeError);
    expect(() => guidelineTableFor('2025-02-30', tables)).toThrow(RangeError);
  });
});

describe('povertyGuidelineCents', () => {
  it('2025, household of 4, contiguous: 15,650 + 3 × 5,500 = $32,150', () => {
    expect(povertyGuidelineCents(table2025(), 'contiguous', 4)).toBe(3_215_000);
  });

  it('2024, household of 4, contiguous: $31,200', () => {
    expect(povertyGuidelineCents(table2024(), 'contiguous', 4)).toBe(3_120_000);
  });

  it('2024, household of 1, Alaska: the base alone, $18,810', () => {
    expect(povertyGuidelineCents(table2024(), 'alaska', 1)).toBe(1_881_000);
  });

  it('2025, household of 3, Hawaii: 17,990 + 2 × 6,330 = $30,650', () => {
    expect(povertyGuidelineCents(table2025(), 'hawaii', 3)).toBe(3_065_000);
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses a household of %p', (size) => {
    expect(() => povertyGuidelineCents(table2025(), 'contiguous', size)).toThrow(RangeError);
  });
});

describe('percentOfPoverty', () => {
  it('keeps a household exactly at the guideline at 100', () => {
    expect(percentOfPoverty(3_215_000, 3_215_000)).toBe(100);
  });

  it('rounds down to 2 decimals', () => {
    // 4,000,000 / 3,000,000 = 133.333…%
    expect(percentOfPoverty(4_000_000, 3_000_000)).toBe(133.33);
    // 1 cent over the guideline is 100.00003…%: still 100, never 100.01.
    expect(percentOfPoverty(3_215_001, 3_215_000)).toBe(100);
    // 2/3 = 66.666…%: 66.66, not 66.67.
    expect(percentOfPoverty(2, 3)).toBe(66.66);
  });

  it('gives 0 for no income and stays exact for very large incomes', () => {
    expect(percentOfPoverty(0, 3_215_000)).toBe(0);
    expect(percentOfPoverty(3_215_000_000_000, 3_215_000)).toBe(100_000_000);
  });

  it('refuses bad inputs', () => {
    expect(() => percentOfPoverty(-1, 3_215_000)).toThrow(RangeError);
    expect(() => percentOfPoverty(100.5, 3_215_000)).toThrow(RangeError);
    expect(() => percentOfPoverty(100, 0)).toThrow(RangeError);
  });
});

describe('validatePovertyGuidelineTable', () => {
  it('accepts the 2024 and 2025 tables', () => {
    expect(validatePovertyGuidelineTable(table2024())).toEqual([]);
    expect(validatePovertyGuidelineTable(table2025())).toEqual([]);
  });

  it('refuses a year out of range', () => {
    expect(validatePovertyGuidelineTable({ ...table2025(), year: 1999, effectiveDate: '1999-01-15' })).toEqual([
      { field: 'year', message: 'must be a whole year from 2000 to 2100' },
    ]);
  });

  it('refuses an effective date that is invalid or in another year', () => {
    expect(validatePovertyGuidelineTable({ ...table2025(), effectiveDate: '2025-02-30' })).toEqual([
      { field: 'effectiveDate', message: 'must be a valid YYYY-MM-DD date' },
    ]);
    expect(validatePovertyGuidelineTable({ ...table2025(), effectiveDate: '2024-01-15' })).toEqual([
      { field: 'effectiveDate', message: 'must be a date in 2025' },
    ]);
  });

  it('names a missing region and every bad figure', () => {
    const table = table2025();
    const { hawaii: _hawaii, ...twoRegions } = table.regions;
    const broken = {
      ...table,
      regions: {
        ...twoRegions,
        alaska: { baseCents: 0, incrementCents: 688_000.5 },
        contiguous: { baseCents: 100_000_000, incrementCents: 550_000 },
      },
    } as unknown as PovertyGuidelineTable;
    expect(validatePovertyGuidelineTable(broken).map((problem) => problem.field)).toEqual([
      'regions.contiguous.baseCents',
      'regions.alaska.baseCents',
      'regions.alaska.incrementCents',
      'regions.hawaii',
    ]);
  });
});

describe('choosePovertyTable', () => {
  const tables = [table2024(), table2025()];

  it('flags an older year standing in for a service year that has no table', () => {
    const choice = choosePovertyTable('2026-06-01', tables);
    expect(choice).toMatchObject({ requestedYear: 2026, missing: true });
    expect(choice?.table.year).toBe(2025);
  });

  it('does not flag the previous year before the new table takes effect, when the new one exists', () => {
    expect(choosePovertyTable('2025-01-14', tables)).toMatchObject({ requestedYear: 2025, missing: false });
    expect(choosePovertyTable('2025-01-14', tables)?.table.year).toBe(2024);
  });

  it('does not flag the service year’s own table', () => {
    expect(choosePovertyTable('2025-06-01', tables)).toMatchObject({ requestedYear: 2025, missing: false });
  });

  it('is undefined before every table', () => {
    expect(choosePovertyTable('2023-06-01', tables)).toBeUndefined();
  });
});
