import fc from 'fast-check';

import {
  AWAITING_DECISION,
  canRecordUtilization,
  isAuthorized,
  isNewerPayerEvent,
  type PayerOutcome,
  PREAUTH_STATUSES,
  PreauthStatus,
  type PreauthTrigger,
  TERMINAL_STATUSES,
  transitionFor,
} from './preauth-status';

const S = PreauthStatus;

const PAYER_OUTCOMES: readonly PayerOutcome[] = [
  'approved',
  'partially_approved',
  'denied',
  'pended',
  'cancelled',
  'no_auth_required',
];

/** Every trigger variant, each payer outcome on its own. */
const ALL_TRIGGERS: readonly PreauthTrigger[] = [
  { kind: 'sent' },
  ...PAYER_OUTCOMES.map((outcome): PreauthTrigger => ({ kind: 'decided', outcome })),
  { kind: 'rejected' },
  { kind: 'delivery_failed' },
  { kind: 'retry' },
  { kind: 'extension_requested' },
  { kind: 'cancel' },
  { kind: 'expire' },
];

const label = (trigger: PreauthTrigger): string =>
  trigger.kind === 'decided' ? `decided:${trigger.outcome}` : trigger.kind;

const decided = (outcome: PayerOutcome): PreauthTrigger => ({ kind: 'decided', outcome });

/** Every legal transition: from, trigger, to. */
const LEGAL: ReadonlyArray<readonly [PreauthStatus, PreauthTrigger, PreauthStatus]> = [
  // The gateway delivers a request.
  [S.Queued, { kind: 'sent' }, S.Submitted],
  [S.ExtensionQueued, { kind: 'sent' }, S.ExtensionSubmitted],

  // Payer decisions on an initial request.
  [S.Submitted, decided('approved'), S.Approved],
  [S.Submitted, decided('partially_approved'), S.PartiallyApproved],
  [S.Submitted, decided('denied'), S.Denied],
  [S.Submitted, decided('pended'), S.Pended],
  [S.Submitted, decided('cancelled'), S.Cancelled],
  [S.Submitted, decided('no_auth_required'), S.NoAuthRequired],
  [S.Pended, decided('approved'), S.Approved],
  [S.Pended, decided('partially_approved'), S.PartiallyApproved],
  [S.Pended, decided('denied'), S.Denied],
  [S.Pended, decided('pended'), S.Pended],
  [S.Pended, decided('cancelled'), S.Cancelled],
  [S.Pended, decided('no_auth_required'), S.NoAuthRequired],

  // Payer decisions on an extension: the authorization stays in force unless the payer withdraws it.
  [S.ExtensionSubmitted, decided('approved'), S.Approved],
  [S.ExtensionSubmitted, decided('partially_approved'), S.Approved],
  [S.ExtensionSubmitted, decided('denied'), S.ExtensionDenied],
  [S.ExtensionSubmitted, decided('pended'), S.ExtensionPended],
  [S.ExtensionSubmitted, decided('cancelled'), S.Revoked],
  [S.ExtensionSubmitted, decided('no_auth_required'), S.Approved],
  [S.ExtensionPended, decided('approved'), S.Approved],
  [S.ExtensionPended, decided('partially_approved'), S.Approved],
  [S.ExtensionPended, decided('denied'), S.ExtensionDenied],
  [S.ExtensionPended, decided('pended'), S.ExtensionPended],
  [S.ExtensionPended, decided('cancelled'), S.Revoked],
  [S.ExtensionPended, decided('no_auth_required'), S.Approved],

  // The payer withdraws an authorization it granted (revocation).
  [S.Approved, decided('cancelled'), S.Revoked],
  [S.PartiallyApproved, decided('cancelled'), S.Revoked],
  [S.ExtensionDenied, decided('cancelled'), S.Revoked],
  [S.ExtensionSubmissionFailed, decided('cancelled'), S.Revoked],
  [S.ExtensionQueued, decided('cancelled'), S.Revoked],

  // The payer refuses the request itself.
  [S.Queued, { kind: 'rejected' }, S.Rejected],
  [S.ExtensionQueued, { kind: 'rejected' }, S.ExtensionDenied],

  // Delivery fails, and staff retry.
  [S.Queued, { kind: 'delivery_failed' }, S.SubmissionFailed],
  [S.ExtensionQueued, { kind: 'delivery_failed' }, S.ExtensionSubmissionFailed],
  [S.SubmissionFailed, { kind: 'retry' }, S.Queued],
  [S.ExtensionSubmissionFailed, { kind: 'retry' }, S.ExtensionQueued],

  // Concurrent review (a failed extension is retried, not asked again).
  [S.Approved, { kind: 'extension_requested' }, S.ExtensionQueued],
  [S.PartiallyApproved, { kind: 'extension_requested' }, S.ExtensionQueued],
  [S.ExtensionDenied, { kind: 'extension_requested' }, S.ExtensionQueued],

  // Cancellation: from anything not terminal.
  [S.Queued, { kind: 'cancel' }, S.Cancelled],
  [S.Submitted, { kind: 'cancel' }, S.Cancelled],
  [S.Pended, { kind: 'cancel' }, S.Cancelled],
  [S.Approved, { kind: 'cancel' }, S.Cancelled],
  [S.PartiallyApproved, { kind: 'cancel' }, S.Cancelled],
  [S.SubmissionFailed, { kind: 'cancel' }, S.Cancelled],
  [S.ExtensionQueued, { kind: 'cancel' }, S.Cancelled],
  [S.ExtensionSubmitted, { kind: 'cancel' }, S.Cancelled],
  [S.ExtensionPended, { kind: 'cancel' }, S.Cancelled],
  [S.ExtensionDenied, { kind: 'cancel' }, S.Cancelled],
  [S.ExtensionSubmissionFailed, { kind: 'cancel' }, S.Cancelled],

  // Expiry: only an authorization in force (with or without an extension pending).
  [S.Approved, { kind: 'expire' }, S.Expired],
  [S.PartiallyApproved, { kind: 'expire' }, S.Expired],
  [S.ExtensionDenied, { kind: 'expire' }, S.Expired],
  [S.ExtensionSubmissionFailed, { kind: 'expire' }, S.Expired],
  [S.ExtensionQueued, { kind: 'expire' }, S.Expired],
  [S.ExtensionSubmitted, { kind: 'expire' }, S.Expired],
  [S.ExtensionPended, { kind: 'expire' }, S.Expired],
];

const key = (from: PreauthStatus, trigger: PreauthTrigger): string => `${from} + ${label(trigger)}`;
const LEGAL_KEYS = new Set(LEGAL.map(([from, trigger]) => key(from, trigger)));

const ILLEGAL: Array<[string, PreauthStatus, PreauthTrigger]> = PREAUTH_STATUSES.flatMap((from) =>
  ALL_TRIGGERS.filter((trigger) => !LEGAL_KEYS.has(key(from, trigger))).map(
    (trigger): [string, PreauthStatus, PreauthTrigger] => [key(from, trigger), from, trigger],
  ),
);

describe('transitionFor', () => {
  it('has no duplicate rows in the legal table, and the table and the illegal pairs cover every pair', () => {
    expect(LEGAL_KEYS.size).toBe(LEGAL.length);
    expect(LEGAL.length + ILLEGAL.length).toBe(PREAUTH_STATUSES.length * ALL_TRIGGERS.length);
    expect(PREAUTH_STATUSES).toHaveLength(17);
    expect(ALL_TRIGGERS).toHaveLength(13);
  });

  it.each(LEGAL.map(([from, trigger, to]) => [key(from, trigger), to, from, trigger] as const))(
    'legal: %s → %s',
    (_name, to, from, trigger) => {
      expect(transitionFor(from, trigger)).toEqual({ legal: true, to });
    },
  );

  it.each(ILLEGAL)('illegal: %s', (_name, from, trigger) => {
    const result = transitionFor(from, trigger);
    expect(result.legal).toBe(false);
    if (result.legal) return;
    expect(typeof result.reason).toBe('string');
    expect(result.reason).toContain(from);
  });

  it('names the payer outcome in the reason for an illegal decision', () => {
    expect(transitionFor(S.Queued, decided('denied'))).toEqual({
      legal: false,
      reason: 'a queued request cannot take a payer decision (denied)',
    });
  });

  describe('failed delivery and retry', () => {
    it('returns a failed initial request to queued', () => {
      expect(transitionFor(S.SubmissionFailed, { kind: 'retry' })).toEqual({ legal: true, to: S.Queued });
    });

    it('returns a failed extension to extension_queued', () => {
      expect(transitionFor(S.ExtensionSubmissionFailed, { kind: 'retry' })).toEqual({
        legal: true,
        to: S.ExtensionQueued,
      });
    });

    it('round-trips a failed request: queued → submission_failed → queued', () => {
      expect(transitionFor(S.Queued, { kind: 'delivery_failed' })).toEqual({ legal: true, to: S.SubmissionFailed });
      expect(transitionFor(S.SubmissionFailed, { kind: 'retry' })).toEqual({ legal: true, to: S.Queued });
    });

    it('round-trips a failed extension: extension_queued → extension_submission_failed → extension_queued', () => {
      expect(transitionFor(S.ExtensionQueued, { kind: 'delivery_failed' })).toEqual({
        legal: true,
        to: S.ExtensionSubmissionFailed,
      });
      expect(transitionFor(S.ExtensionSubmissionFailed, { kind: 'retry' })).toEqual({
        legal: true,
        to: S.ExtensionQueued,
      });
    });

    it('does not let a failed extension be asked for again (it is retried instead)', () => {
      expect(transitionFor(S.ExtensionSubmissionFailed, { kind: 'extension_requested' })).toEqual({
        legal: false,
        reason: 'an extension_submission_failed request cannot be extended (only an approved authorization can)',
      });
    });

    it.each(
      PREAUTH_STATUSES.filter((status) => status !== S.SubmissionFailed && status !== S.ExtensionSubmissionFailed),
    )('cannot retry a %s request', (from) => {
      expect(transitionFor(from, { kind: 'retry' })).toEqual({
        legal: false,
        reason: `${/^[aeiou]/.test(from) ? 'an' : 'a'} ${from} request cannot be retried (only a request or extension whose delivery failed can)`,
      });
    });
  });

  it('reaches every status from queued', () => {
    const reached = new Set<PreauthStatus>([S.Queued]);
    const frontier: PreauthStatus[] = [S.Queued];
    while (frontier.length > 0) {
      const from = frontier.pop() as PreauthStatus;
      for (const trigger of ALL_TRIGGERS) {
        const result = transitionFor(from, trigger);
        if (result.legal && !reached.has(result.to)) {
          reached.add(result.to);
          frontier.push(result.to);
        }
      }
    }
    expect([...reached].sort()).toEqual([...PREAUTH_STATUSES].sort());
  });

  describe('properties', () => {
    const RUNS = { numRuns: 500 };
    const triggerArb: fc.Arbitrary<PreauthTrigger> = fc.constantFrom(...ALL_TRIGGERS);
    const stepsArb = fc.array(triggerArb, { maxLength: 40 });

    it('never leaves a terminal status, whatever the triggers', () => {
      fc.assert(
        fc.property(fc.constantFrom(...TERMINAL_STATUSES), stepsArb, (start, steps) => {
          for (const trigger of steps) {
            const result = transitionFor(start, trigger);
            expect(result.legal).toBe(false);
          }
        }),
        RUNS,
      );
    });

    it('from any status, only reaches known statuses, and once terminal stays there', () => {
      fc.assert(
        fc.property(fc.constantFrom(...PREAUTH_STATUSES), stepsArb, (start, steps) => {
          let status = start;
          let terminal = TERMINAL_STATUSES.has(status);
          for (const trigger of steps) {
            const result = transitionFor(status, trigger);
            if (!result.legal) {
              expect(result.reason).toContain(status);
              continue;
            }
            expect(terminal).toBe(false);
            expect(PREAUTH_STATUSES).toContain(result.to);
            status = result.to;
            terminal = TERMINAL_STATUSES.has(status);
          }
        }),
        RUNS,
      );
    });

    it('walks from queued through mostly legal steps and only ever lands on known statuses', () => {
      // Pick each step among the triggers legal right now (when there are any), so walks go deep.
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
          let status: PreauthStatus = S.Queued;
          for (const pick of choices) {
            const legal = ALL_TRIGGERS.map((trigger) => transitionFor(status, trigger)).filter(
              (result) => result.legal,
            );
            if (TERMINAL_STATUSES.has(status)) {
              expect(legal).toEqual([]);
              return;
            }
            expect(legal.length).toBeGreaterThan(0);
            const next = legal[pick % legal.length];
            if (!next.legal) throw new Error('unreachable');
            expect(PREAUTH_STATUSES).toContain(next.to);
            status = next.to;
          }
        }),
        RUNS,
      );
    });
  });
});

describe('status sets', () => {
  it('has exactly these terminal statuses', () => {
    expect(new Set(TERMINAL_STATUSES)).toEqual(
      new Set([S.Denied, S.Rejected, S.Cancelled, S.NoAuthRequired, S.Expired, S.Revoked]),
    );
  });

  it('has exactly these statuses awaiting a decision, none terminal', () => {
    expect(new Set(AWAITING_DECISION)).toEqual(
      new Set([
        S.Queued,
        S.Submitted,
        S.Pended,
        S.SubmissionFailed,
        S.ExtensionQueued,
        S.ExtensionSubmitted,
        S.ExtensionPended,
        S.ExtensionSubmissionFailed,
      ]),
    );
    for (const status of AWAITING_DECISION) expect(TERMINAL_STATUSES.has(status)).toBe(false);
  });

  const authorized = [
    S.Approved,
    S.PartiallyApproved,
    S.ExtensionDenied,
    S.ExtensionSubmissionFailed,
    S.ExtensionQueued,
    S.ExtensionSubmitted,
    S.ExtensionPended,
  ];

  it.each(PREAUTH_STATUSES)('isAuthorized and canRecordUtilization agree for %s', (status) => {
    const expected = authorized.includes(status);
    expect(isAuthorized(status)).toBe(expected);
    expect(canRecordUtilization(status)).toBe(expected);
  });
});

describe('isNewerPayerEvent', () => {
  const last = new Date('2026-03-10T12:00:00.000Z');

  it('accepts any event when the payer has not answered before', () => {
    expect(isNewerPayerEvent(new Date('2000-01-01T00:00:00Z'), null)).toBe(true);
  });

  it('refuses an older event', () => {
    expect(isNewerPayerEvent(new Date('2026-03-10T11:59:59.999Z'), last)).toBe(false);
  });

  it('accepts an event at the same instant: it arrived later (ordered by time, then arrival)', () => {
    expect(isNewerPayerEvent(new Date(last.getTime()), last)).toBe(true);
  });

  it('compares a whole-second time at the second: a callback signed in the same second as a timed answer is not older', () => {
    const answeredAt = new Date('2026-03-10T12:00:00.750Z');
    const signedAt = new Date('2026-03-10T12:00:00.000Z');
    expect(isNewerPayerEvent(signedAt, answeredAt)).toBe(false);
    expect(isNewerPayerEvent(signedAt, answeredAt, 1000)).toBe(true);
    expect(isNewerPayerEvent(new Date('2026-03-10T11:59:59.000Z'), answeredAt, 1000)).toBe(false);
  });

  it('accepts a newer event, even by a millisecond', () => {
    expect(isNewerPayerEvent(new Date('2026-03-10T12:00:00.001Z'), last)).toBe(true);
  });
});
