import { checkUtilization } from './utilization-checks';

describe('checkUtilization', () => {
  it('allows one day per date for a day-based authorization, never more', () => {
    expect(checkUtilization({ unitType: 'day', units: 1, approvedUnits: 24, usedUnits: 0 })).toEqual({
      impossible: null,
      overBy: 0,
    });
    expect(checkUtilization({ unitType: 'day', units: 24, approvedUnits: 24, usedUnits: 0 }).impossible).toMatch(
      /at most 1 per date/,
    );
    expect(checkUtilization({ unitType: 'session', units: 4, approvedUnits: 24, usedUnits: 0 }).impossible).toBeNull();
    expect(
      checkUtilization({ unitType: 'session', units: 5, approvedUnits: 24, usedUnits: 0 }).impossible,
    ).not.toBeNull();
  });

  it('says how far a use goes beyond the authorization (25 of 24: by 1), counting only the new units once over', () => {
    expect(checkUtilization({ unitType: 'day', units: 1, approvedUnits: 24, usedUnits: 23 }).overBy).toBe(0);
    expect(checkUtilization({ unitType: 'day', units: 1, approvedUnits: 24, usedUnits: 24 }).overBy).toBe(1);
    expect(checkUtilization({ unitType: 'session', units: 3, approvedUnits: 24, usedUnits: 23 }).overBy).toBe(2);
    expect(checkUtilization({ unitType: 'day', units: 1, approvedUnits: 24, usedUnits: 26 }).overBy).toBe(1);
  });
});
