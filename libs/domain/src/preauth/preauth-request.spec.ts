import {
  type AuthorizationUsage,
  type ConcurrentReviewPolicy,
  concurrentReviewReasons,
  DEFAULT_CONCURRENT_REVIEW_POLICY,
  remainingUnits,
} from './preauth-request';

const TODAY = '2026-01-10';
/** Far enough that the end date never flags: only the units decide. */
const FAR = '2026-03-31';

const usage = (approvedUnits: number, usedUnits: number, validTo = FAR): AuthorizationUsage => ({
  approvedUnits,
  usedUnits,
  validTo,
});

describe('DEFAULT_CONCURRENT_REVIEW_POLICY', () => {
  it('flags at 3 units, 20% of the approved units, or 5 days before the end, and is frozen', () => {
    expect(DEFAULT_CONCURRENT_REVIEW_POLICY).toEqual({ remainingUnits: 3, remainingShareBp: 2_000, daysBeforeEnd: 5 });
    expect(Object.isFrozen(DEFAULT_CONCURRENT_REVIEW_POLICY)).toBe(true);
  });
});

describe('remainingUnits', () => {
  it.each([
    [10, 0, 10],
    [10, 7, 3],
    [10, 10, 0],
    [10, 12, 0],
    [0, 0, 0],
  ])('approved %p, used %p → %p remaining', (approvedUnits, usedUnits, expected) => {
    expect(remainingUnits({ approvedUnits, usedUnits })).toBe(expected);
  });
});

describe('concurrentReviewReasons', () => {
  describe('units, when the absolute threshold is the larger (10 approved: 20% is 2, the floor is 3)', () => {
    it.each([
      [5, 'above', []],
      [4, 'one above', []],
      [3, 'at', ['units_running_out']],
      [2, 'below (and at the share)', ['units_running_out']],
      [0, 'none left', ['units_running_out']],
    ])('%p remaining (%s) → %j', (remaining, _case, expected) => {
      expect(concurrentReviewReasons(usage(10, 10 - remaining), TODAY)).toEqual(expected);
    });
  });

  describe('units, when the share threshold is the larger (30 approved: 20% is 6)', () => {
    it.each([
      [8, 'above', []],
      [7, 'one above', []],
      [6, 'at', ['units_running_out']],
      [5, 'below the share, above the absolute', ['units_running_out']],
      [3, 'at the absolute', ['units_running_out']],
      [1, 'below both', ['units_running_out']],
    ])('%p remaining (%s) → %j', (remaining, _case, expected) => {
      expect(concurrentReviewReasons(usage(30, 30 - remaining), TODAY)).toEqual(expected);
    });
  });

  it('rounds the share down to whole units (32 approved: 20% is 6.4, so 6 flags and 7 does not)', () => {
    expect(concurrentReviewReasons(usage(32, 25), TODAY)).toEqual([]);
    expect(concurrentReviewReasons(usage(32, 26), TODAY)).toEqual(['units_running_out']);
  });

  describe('each threshold on its own (a custom policy)', () => {
    const absoluteOnly: ConcurrentReviewPolicy = { remainingUnits: 2, remainingShareBp: 0, daysBeforeEnd: 0 };
    const shareOnly: ConcurrentReviewPolicy = { remainingUnits: 0, remainingShareBp: 2_500, daysBeforeEnd: 0 };

    it.each([
      [3, []],
      [2, ['units_running_out']],
      [1, ['units_running_out']],
    ])('absolute 2 units, 100 approved: %p remaining → %j', (remaining, expected) => {
      expect(concurrentReviewReasons(usage(100, 100 - remaining), TODAY, absoluteOnly)).toEqual(expected);
    });

    it.each([
      [6, []],
      [5, ['units_running_out']],
      [4, ['units_running_out']],
    ])('share 25%, 20 approved (5 units): %p remaining → %j', (remaining, expected) => {
      expect(concurrentReviewReasons(usage(20, 20 - remaining), TODAY, shareOnly)).toEqual(expected);
    });
  });

  describe('end date (plenty of units left)', () => {
    it.each([
      ['far away', '2026-02-28', []],
      ['6 days away', '2026-01-16', []],
      ['5 days away (at the threshold)', '2026-01-15', ['end_date_near']],
      ['4 days away', '2026-01-14', ['end_date_near']],
      ['today (the last covered day)', '2026-01-10', ['end_date_near']],
      ['already past', '2026-01-09', ['end_date_near']],
      ['long past', '2025-12-01', ['end_date_near']],
    ])('%s → %j', (_case, validTo, expected) => {
      expect(concurrentReviewReasons(usage(100, 10, validTo), TODAY)).toEqual(expected);
    });

    it('counts calendar days across a month end and a leap day', () => {
      expect(concurrentReviewReasons(usage(100, 10, '2026-02-03'), '2026-01-29')).toEqual(['end_date_near']);
      expect(concurrentReviewReasons(usage(100, 10, '2026-02-04'), '2026-01-29')).toEqual([]);
      expect(concurrentReviewReasons(usage(100, 10, '2028-03-02'), '2028-02-26')).toEqual(['end_date_near']);
      expect(concurrentReviewReasons(usage(100, 10, '2028-03-03'), '2028-02-26')).toEqual([]);
    });

    it('uses the policy’s days', () => {
      const policy = { ...DEFAULT_CONCURRENT_REVIEW_POLICY, daysBeforeEnd: 10 };
      expect(concurrentReviewReasons(usage(100, 10, '2026-01-20'), TODAY, policy)).toEqual(['end_date_near']);
      expect(concurrentReviewReasons(usage(100, 10, '2026-01-21'), TODAY, policy)).toEqual([]);
    });
  });

  it('gives both reasons, units first, when units run out and the end is near', () => {
    expect(concurrentReviewReasons(usage(10, 8, '2026-01-12'), TODAY)).toEqual(['units_running_out', 'end_date_near']);
    expect(concurrentReviewReasons(usage(10, 10, '2026-01-09'), TODAY)).toEqual(['units_running_out', 'end_date_near']);
  });

  it('treats more units used than approved as none left', () => {
    expect(concurrentReviewReasons(usage(10, 14), TODAY)).toEqual(['units_running_out']);
    expect(concurrentReviewReasons(usage(10, 14, '2026-01-11'), TODAY)).toEqual(['units_running_out', 'end_date_near']);
  });

  it('returns a fresh list each time', () => {
    const first = concurrentReviewReasons(usage(100, 0), TODAY);
    first.push('end_date_near');
    expect(concurrentReviewReasons(usage(100, 0), TODAY)).toEqual([]);
  });
});
