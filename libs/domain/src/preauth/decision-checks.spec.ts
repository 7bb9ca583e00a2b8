import { type AskedFacts, DECISION_CLOCK_SKEW_MS, decisionProblems } from './decision-checks';

const now = new Date('2030-06-15T12:00:00.000Z');
const asked: AskedFacts = {
  receivedAt: new Date('2030-06-10T09:30:00.500Z'),
  requestedUnits: 24,
  requestedStart: '2030-06-12',
  authorizationNumber: null,
};
const approval = {
  action: 'A1',
  authorizationNumber: 'AUTH-1',
  approvedUnits: 24,
  validFrom: '2030-06-12',
  validTo: '2030-08-01',
};
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('decisionProblems', () => {
  it('accepts a believable approval', () => {
    expect(decisionProblems({ ...approval, decidedAt: now }, now, asked)).toEqual([]);
  });

  it('refuses a decision time beyond the clock-skew allowance, but not within it', () => {
    const justAhead = new Date(now.getTime() + DECISION_CLOCK_SKEW_MS);
    expect(decisionProblems({ ...approval, decidedAt: justAhead }, now, asked)).toEqual([]);
    const tooFar = new Date(now.getTime() + DECISION_CLOCK_SKEW_MS + 1);
    expect(fields(decisionProblems({ ...approval, decidedAt: tooFar }, now))).toEqual(['decidedAt']);
  });

  it('refuses a decision time before the request was received, at the precision the time is known', () => {
    const earlier = new Date('2030-06-10T09:30:00.499Z');
    expect(fields(decisionProblems({ ...approval, decidedAt: earlier }, now, asked))).toEqual(['decidedAt']);
    // A whole-second webhook timestamp in the same second as the receipt is not "before" it.
    const sameSecond = new Date('2030-06-10T09:30:00.000Z');
    expect(decisionProblems({ ...approval, decidedAt: sameSecond, decidedAtPrecisionMs: 1000 }, now, asked)).toEqual(
      [],
    );
  });

  it('refuses more units than asked unless confirmed', () => {
    expect(fields(decisionProblems({ ...approval, approvedUnits: 999 }, now, asked))).toEqual(['approvedUnits']);
    expect(decisionProblems({ ...approval, approvedUnits: 999, exceedsRequested: true }, now, asked)).toEqual([]);
  });

  it('requires the certification number on an approval, unless the authorization already has one', () => {
    for (const action of ['A1', 'A2', 'A6']) {
      const problems = decisionProblems({ ...approval, action, authorizationNumber: null }, now, asked);
      expect(fields(problems)).toEqual(['authorizationNumber']);
    }
    expect(
      decisionProblems({ ...approval, authorizationNumber: null }, now, { ...asked, authorizationNumber: 'A-9' }),
    ).toEqual([]);
    expect(decisionProblems({ action: 'A3', reasonCode: 'N' } as never, now, asked)).toEqual([]);
  });

  it('refuses a period that ends before it starts or before the first day asked for', () => {
    expect(fields(decisionProblems({ ...approval, validFrom: '2030-07-01', validTo: '2030-06-20' }, now))).toEqual([
      'validTo',
    ]);
    const in2020 = { ...approval, validFrom: '2020-01-01', validTo: '2020-03-31' };
    expect(fields(decisionProblems(in2020, now, asked))).toEqual(['validTo']);
  });

  it('names every field at fault at once', () => {
    const everything = {
      action: 'A1',
      approvedUnits: 999,
      validFrom: '2020-01-01',
      validTo: '2020-03-31',
      decidedAt: new Date('2036-01-01T00:00:00Z'),
    };
    expect(fields(decisionProblems(everything, now, asked))).toEqual([
      'decidedAt',
      'authorizationNumber',
      'validTo',
      'approvedUnits',
    ]);
  });
});
