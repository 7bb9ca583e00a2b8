import { decisionDueAt, decisionHours, DEFAULT_DECISION_TIMES } from './decision-deadline';

const at = (iso: string): Date => new Date(iso);

describe('DEFAULT_DECISION_TIMES', () => {
  it('is CMS-0057-F: 72 hours expedited, 7 calendar days standard, and frozen', () => {
    expect(DEFAULT_DECISION_TIMES).toEqual({ expeditedHours: 72, standardDays: 7 });
    expect(Object.isFrozen(DEFAULT_DECISION_TIMES)).toBe(true);
  });
});

describe('decisionDueAt', () => {
  it.each([
    ['a mid-month day', '2026-01-14T09:30:00.000Z', '2026-01-17T09:30:00.000Z'],
    ['the month end', '2026-01-30T18:00:00.000Z', '2026-02-02T18:00:00.000Z'],
    ['the year end', '2026-12-30T23:59:59.999Z', '2027-01-02T23:59:59.999Z'],
    ['a leap day', '2028-02-28T12:00:00.000Z', '2028-03-02T12:00:00.000Z'],
    ['no leap day', '2027-02-28T12:00:00.000Z', '2027-03-03T12:00:00.000Z'],
    // 8 March 2026 is the US spring-forward night: UTC has no such thing, so 72 hours stay 72 hours.
    ['the US DST change', '2026-03-07T15:00:00.000Z', '2026-03-10T15:00:00.000Z'],
  ])('expedited: 72 hours after receipt across %s', (_case, received, due) => {
    expect(decisionDueAt(at(received), 'expedited')).toEqual(at(due));
  });

  it.each([
    ['a mid-month day', '2026-01-14T09:30:00.000Z', '2026-01-21T09:30:00.000Z'],
    ['the month end', '2026-01-28T00:00:00.000Z', '2026-02-04T00:00:00.000Z'],
    ['the year end', '2026-12-28T23:00:00.000Z', '2027-01-04T23:00:00.000Z'],
    ['a leap day', '2028-02-25T08:15:00.000Z', '2028-03-03T08:15:00.000Z'],
    ['no leap day', '2027-02-25T08:15:00.000Z', '2027-03-04T08:15:00.000Z'],
    ['the US DST change', '2026-03-05T15:00:00.000Z', '2026-03-12T15:00:00.000Z'],
    ['the US DST end', '2026-10-30T04:00:00.000Z', '2026-11-06T04:00:00.000Z'],
  ])('standard: 7 calendar days (168 hours) after receipt across %s', (_case, received, due) => {
    expect(decisionDueAt(at(received), 'standard')).toEqual(at(due));
  });

  it('counts calendar time, not business days: received on a Friday, due the next Friday / Monday', () => {
    // 2026-01-16 is a Friday.
    expect(decisionDueAt(at('2026-01-16T10:00:00Z'), 'standard')).toEqual(at('2026-01-23T10:00:00Z'));
    expect(decisionDueAt(at('2026-01-16T10:00:00Z'), 'expedited')).toEqual(at('2026-01-19T10:00:00Z'));
  });

  it("uses the payer's own, shorter promise for each urgency", () => {
    const times = { expeditedHours: 24, standardDays: 3 };
    expect(decisionDueAt(at('2026-02-27T20:00:00Z'), 'expedited', times)).toEqual(at('2026-02-28T20:00:00Z'));
    expect(decisionDueAt(at('2026-02-27T20:00:00Z'), 'standard', times)).toEqual(at('2026-03-02T20:00:00Z'));
    expect(decisionDueAt(at('2028-02-27T20:00:00Z'), 'standard', times)).toEqual(at('2028-03-01T20:00:00Z'));
  });

  it('does not change the receipt date it was given', () => {
    const received = at('2026-01-14T09:30:00.000Z');
    decisionDueAt(received, 'standard');
    expect(received).toEqual(at('2026-01-14T09:30:00.000Z'));
  });
});

describe('decisionHours', () => {
  it.each([
    ['2026-01-14T09:30:00Z', '2026-01-14T09:30:00Z', 0],
    ['2026-01-14T09:30:00Z', '2026-01-14T10:00:00Z', 0.5],
    ['2026-01-14T09:30:00Z', '2026-01-17T09:30:00Z', 72],
    ['2026-01-14T09:30:00Z', '2026-01-21T09:30:00Z', 168],
    ['2028-02-28T00:00:00Z', '2028-03-01T00:00:00Z', 48],
    ['2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', 48],
    ['2026-01-14T10:00:00Z', '2026-01-14T09:00:00Z', -1],
  ])('from %s to %s is %p hours', (received, decided, hours) => {
    expect(decisionHours(at(received), at(decided))).toBe(hours);
  });

  it('measures back exactly the hours decisionDueAt added', () => {
    const received = at('2026-05-31T22:45:00Z');
    expect(decisionHours(received, decisionDueAt(received, 'expedited'))).toBe(72);
    expect(decisionHours(received, decisionDueAt(received, 'standard'))).toBe(168);
  });
});
