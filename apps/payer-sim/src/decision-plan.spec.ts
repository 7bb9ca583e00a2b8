import { DEFAULT_DENIAL, DEFAULT_REJECTION, type PlanContext, planDecision } from './decision-plan';
import { DEFAULT_PEND_MS, type DecisionRule } from './decision-rules';
import { submission } from './testing/submission.factory';

const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  defaultDelayMs: 0,
  newAuthorizationNumber: () => 'BPH-AUTH-0001',
  authorizationKnown: false,
  ...overrides,
});

const stepsOf = (rule: DecisionRule, ...args: [Parameters<typeof submission>[0]?, Partial<PlanContext>?]) => {
  const plan = planDecision(submission(args[0]), rule, context(args[1]));
  if (plan.kind !== 'decide') throw new Error(`expected a decision, got ${plan.kind}`);
  return plan.steps;
};

const none = { authorizationNumber: null, approvedUnits: null, unitType: null, validFrom: null, validTo: null };

describe('planDecision', () => {
  it('approve: A1, every requested unit, the requested period, a new authorization number, at once', () => {
    expect(stepsOf({ outcome: 'approve' })).toEqual([
      {
        afterMs: 0,
        type: 'preauth.decision',
        decision: {
          action: 'A1',
          authorizationNumber: 'BPH-AUTH-0001',
          approvedUnits: 24,
          unitType: 'day',
          validFrom: '2026-12-01',
          validTo: '2027-01-22',
          reasonCode: null,
          reasonText: null,
        },
      },
    ]);
  });

  it('partial: half the units by default, the 53-day period shrunk to 27 days', () => {
    const [step] = stepsOf({ outcome: 'partial' });
    expect(step?.decision).toMatchObject({
      action: 'A2',
      approvedUnits: 12,
      validFrom: '2026-12-01',
      validTo: '2026-12-27',
    });
  });

  it.each<[DecisionRule, number, string]>([
    [{ outcome: 'partial', approvedFraction: 0.25 }, 6, '2026-12-14'],
    [{ outcome: 'partial', approvedUnits: 10 }, 10, '2026-12-23'],
    [{ outcome: 'partial', approvedUnits: 100 }, 24, '2027-01-22'],
    [{ outcome: 'partial', approvedUnits: 10, validDays: 14 }, 10, '2026-12-14'],
    [{ outcome: 'partial', approvedFraction: 0.01 }, 1, '2026-12-03'],
  ])('partial %j approves %i units valid to %s', (rule, units, validTo) => {
    expect(stepsOf(rule)[0]?.decision).toMatchObject({ approvedUnits: units, validTo });
  });

  it('deny: A3 with the default reason, or the rule’s, and no authorization', () => {
    expect(stepsOf({ outcome: 'deny' })[0]?.decision).toEqual({ action: 'A3', ...none, ...DEFAULT_DENIAL });
    expect(
      stepsOf({ outcome: 'deny', reasonCode: 'LC', reasonText: 'Level of care not supported' })[0]?.decision,
    ).toMatchObject({ reasonCode: 'LC', reasonText: 'Level of care not supported' });
  });

  it('no_auth_required: NA without units or dates', () => {
    expect(stepsOf({ outcome: 'no_auth_required' })[0]?.decision).toMatchObject({ action: 'NA', ...none });
  });

  it('a delay moves the decision to a callback: the first step is no longer at 0', () => {
    expect(stepsOf({ outcome: 'approve', delayMs: 1500 }).map((s) => s.afterMs)).toEqual([1500]);
    expect(stepsOf({ outcome: 'approve' }, {}, { defaultDelayMs: 300 }).map((s) => s.afterMs)).toEqual([300]);
    expect(stepsOf({ outcome: 'approve', delayMs: 0 }, {}, { defaultDelayMs: 300 }).map((s) => s.afterMs)).toEqual([0]);
  });

  it('pend_then_approve / pend_then_deny: A4 first, the final decision pendForMs later', () => {
    const approve = stepsOf({ outcome: 'pend_then_approve', delayMs: 100, pendForMs: 2000 });
    expect(approve.map((s) => [s.afterMs, s.type, s.decision.action])).toEqual([
      [100, 'preauth.pended', 'A4'],
      [2100, 'preauth.decision', 'A1'],
    ]);
    const deny = stepsOf({ outcome: 'pend_then_deny' });
    expect(deny.map((s) => [s.afterMs, s.decision.action])).toEqual([
      [0, 'A4'],
      [DEFAULT_PEND_MS, 'A3'],
    ]);
  });

  it('extension of a known authorization: more units under the same number', () => {
    const extension = {
      certificationType: 'extension' as const,
      authorizationNumber: 'BPH-AUTH-0042',
      requestedUnits: 10,
    };
    const [step] = stepsOf({ outcome: 'approve' }, extension, { authorizationKnown: true });
    expect(step?.decision).toMatchObject({ action: 'A1', authorizationNumber: 'BPH-AUTH-0042', approvedUnits: 10 });
    const [denied] = stepsOf({ outcome: 'deny' }, extension, { authorizationKnown: true });
    expect(denied?.decision).toMatchObject({ action: 'A3', authorizationNumber: 'BPH-AUTH-0042' });
  });

  it('cancellation of a known authorization: C, called a cancellation, whatever the outcome', () => {
    const cancel = { certificationType: 'cancel' as const, authorizationNumber: 'BPH-AUTH-0042' };
    expect(stepsOf({ outcome: 'deny', delayMs: 50 }, cancel, { authorizationKnown: true })).toEqual([
      {
        afterMs: 50,
        type: 'preauth.cancelled',
        decision: { action: 'C', ...none, authorizationNumber: 'BPH-AUTH-0042', reasonCode: null, reasonText: null },
      },
    ]);
  });

  it('refuses an extension or a cancellation of an authorization it never issued', () => {
    const plan = planDecision(
      submission({ certificationType: 'extension', authorizationNumber: 'NOPE' }),
      { outcome: 'approve' },
      context({ authorizationKnown: false }),
    );
    expect(plan).toEqual({ kind: 'reject', rejection: expect.objectContaining({ code: 'authorization_not_found' }) });
  });

  it('reject and fail come before anything else', () => {
    expect(planDecision(submission(), { outcome: 'reject' }, context())).toEqual({
      kind: 'reject',
      rejection: DEFAULT_REJECTION,
    });
    expect(
      planDecision(
        submission(),
        { outcome: 'reject', rejectionCode: 'invalid_member_id', rejectionMessage: 'bad id' },
        context(),
      ),
    ).toEqual({ kind: 'reject', rejection: { code: 'invalid_member_id', message: 'bad id' } });
    expect(planDecision(submission({ certificationType: 'cancel' }), { outcome: 'fail' }, context())).toEqual({
      kind: 'fail',
    });
  });

  it('issues an authorization number only when it approves', () => {
    const issued: string[] = [];
    const counting = { newAuthorizationNumber: () => (issued.push('n'), `A-${issued.length}`) };
    stepsOf({ outcome: 'deny' }, {}, counting);
    stepsOf({ outcome: 'no_auth_required' }, {}, counting);
    expect(issued).toHaveLength(0);
    expect(stepsOf({ outcome: 'approve' }, {}, counting)[0]?.decision.authorizationNumber).toBe('A-1');
  });
});
