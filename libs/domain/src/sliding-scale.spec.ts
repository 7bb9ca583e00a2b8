import {
  bandFor,
  DEFAULT_SLIDING_SCALE_BANDS,
  type SlidingScaleBand,
  validateSlidingScaleBands,
} from './sliding-scale';

const hrsaBands = (): SlidingScaleBand[] => DEFAULT_SLIDING_SCALE_BANDS.map((band) => ({ ...band }));

describe('DEFAULT_SLIDING_SCALE_BANDS', () => {
  it('is valid', () => {
    expect(validateSlidingScaleBands(DEFAULT_SLIDING_SCALE_BANDS)).toEqual([]);
  });

  it('charges a $25 nominal fee up to 100%, graduated discounts to 200% and none above', () => {
    expect(DEFAULT_SLIDING_SCALE_BANDS).toEqual([
      { minPercent: 0, maxPercent: 100, nominalFeeCents: 2_500 },
      { minPercent: 100, maxPercent: 133, discountPercent: 75 },
      { minPercent: 133, maxPercent: 166, discountPercent: 50 },
      { minPercent: 166, maxPercent: 200, discountPercent: 25 },
      { minPercent: 200, maxPercent: null, discountPercent: 0 },
    ]);
  });

  it('cannot be edited by accident', () => {
    const [first] = DEFAULT_SLIDING_SCALE_BANDS;
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      if (first !== undefined) first.nominalFeeCents = 0;
    }).toThrow(TypeError);
    expect(first?.nominalFeeCents).toBe(2_500);
  });
});

describe('validateSlidingScaleBands', () => {
  it('requires at least one band', () => {
    expect(validateSlidingScaleBands([])).toEqual([{ field: 'bands', message: 'at least one band is required' }]);
  });

  it('accepts a single open-ended band', () => {
    expect(validateSlidingScaleBands([{ minPercent: 0, maxPercent: null, discountPercent: 10 }])).toEqual([]);
  });

  it('requires the first band to start at 0%', () => {
    const bands = hrsaBands();
    bands[0] = { minPercent: 10, maxPercent: 100, nominalFeeCents: 2_500 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[0].minPercent', message: 'the first band must start at 0%, not 10%' },
    ]);
  });

  it('names a gap', () => {
    const bands = hrsaBands();
    bands[2] = { minPercent: 140, maxPercent: 166, discountPercent: 50 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[2].minPercent', message: 'leaves a gap between 133% and 140%' },
    ]);
  });

  it('names an overlap', () => {
    const bands = hrsaBands();
    bands[3] = { minPercent: 150, maxPercent: 200, discountPercent: 25 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[3].minPercent', message: 'overlaps the previous band (which ends at 166%)' },
    ]);
  });

  it('requires the last band to reach infinity', () => {
    const bands = hrsaBands();
    bands[4] = { minPercent: 200, maxPercent: 400, discountPercent: 0 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[4].maxPercent', message: "bands must reach infinity: the last band's maxPercent must be null" },
    ]);
  });

  it('allows no open-ended band before the last', () => {
    const bands = hrsaBands();
    bands[1] = { minPercent: 100, maxPercent: null, discountPercent: 75 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[1].maxPercent', message: 'only the last band may have no upper bound (null)' },
    ]);
  });

  it('requires maxPercent above minPercent', () => {
    const bands: SlidingScaleBand[] = [
      { minPercent: 0, maxPercent: 100, nominalFeeCents: 2_500 },
      { minPercent: 100, maxPercent: 100, discountPercent: 50 },
      { minPercent: 100, maxPercent: null, discountPercent: 0 },
    ];
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[1].maxPercent', message: 'must be greater than minPercent (100%)' },
    ]);
  });

  it('refuses a band with both a discount and a nominal fee, or with neither', () => {
    const bands = hrsaBands();
    bands[0] = { minPercent: 0, maxPercent: 100, nominalFeeCents: 2_500, discountPercent: 100 };
    bands[2] = { minPercent: 133, maxPercent: 166 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[0]', message: 'must have either discountPercent or nominalFeeCents, not both' },
      { field: 'bands[2]', message: 'must have a discountPercent or a nominalFeeCents' },
    ]);
  });

  it('checks discount percents and nominal fees', () => {
    const bands = hrsaBands();
    bands[0] = { minPercent: 0, maxPercent: 100, nominalFeeCents: 25.5 };
    bands[1] = { minPercent: 100, maxPercent: 133, discountPercent: 100.01 };
    bands[2] = { minPercent: 133, maxPercent: 166, discountPercent: 33.333 };
    bands[3] = { minPercent: 166, maxPercent: 200, discountPercent: -1 };
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[0].nominalFeeCents', message: 'must be a whole number of cents ≥ 0' },
      { field: 'bands[1].discountPercent', message: 'must be between 0 and 100 with at most 2 decimals' },
      { field: 'bands[2].discountPercent', message: 'must be between 0 and 100 with at most 2 decimals' },
      { field: 'bands[3].discountPercent', message: 'must be between 0 and 100 with at most 2 decimals' },
    ]);
  });

  it('accepts a discount with 2 decimals and a nominal fee of 0', () => {
    const bands = hrsaBands();
    bands[0] = { minPercent: 0, maxPercent: 100, nominalFeeCents: 0 };
    bands[2] = { minPercent: 133, maxPercent: 166, discountPercent: 33.33 };
    expect(validateSlidingScaleBands(bands)).toEqual([]);
  });

  it('refuses negative or non-finite bounds', () => {
    const bands: SlidingScaleBand[] = [
      { minPercent: 0, maxPercent: Number.POSITIVE_INFINITY, discountPercent: 0 },
      { minPercent: -5, maxPercent: null, discountPercent: 0 },
    ];
    expect(validateSlidingScaleBands(bands)).toEqual([
      { field: 'bands[0].maxPercent', message: 'must be a finite number ≥ 0, or null for no upper bound' },
      { field: 'bands[1].minPercent', message: 'must be a finite number ≥ 0' },
    ]);
  });

  it('reports every problem at once', () => {
    const bands: SlidingScaleBand[] = [
      { minPercent: 5, maxPercent: 150, discountPercent: 80 },
      { minPercent: 160, maxPercent: 250 },
    ];
    expect(validateSlidingScaleBands(bands).map((problem) => problem.field)).toEqual([
      'bands[0].minPercent',
      'bands[1].minPercent',
      'bands[1].maxPercent',
      'bands[1]',
    ]);
    expect(validateSlidingScaleBands(bands)[1]?.message).toBe('leaves a gap between 150% and 160%');
  });
});

describe('bandFor', () => {
  it.each([
    [0, 0],
    [55.5, 0],
    [100, 0],
    [100.01, 1],
    [133, 1],
    [133.01, 2],
    [166, 2],
    [199.99, 3],
    [200, 3],
    [200.01, 4],
    [1_000, 4],
  ])('puts %p% of poverty in band %p', (percent, index) => {
    const found = bandFor(DEFAULT_SLIDING_SCALE_BANDS, percent);
    expect(found.index).toBe(index);
    expect(found.band).toBe(DEFAULT_SLIDING_SCALE_BANDS[index]);
  });

  it('refuses a percent no band covers', () => {
    const bands: SlidingScaleBand[] = [{ minPercent: 0, maxPercent: 100, nominalFeeCents: 2_500 }];
    expect(() => bandFor(bands, 100.01)).toThrow(RangeError);
    expect(() => bandFor([], 0)).toThrow(RangeError);
  });

  it('refuses a negative or non-finite percent', () => {
    expect(() => bandFor(DEFAULT_SLIDING_SCALE_BANDS, -0.01)).toThrow(RangeError);
    expect(() => bandFor(DEFAULT_SLIDING_SCALE_BANDS, Number.NaN)).toThrow(RangeError);
  });
});
