import { DEFAULT_RULES, type DecisionRule, factsOf, FALLBACK_RULE, selectRule } from './decision-rules';
import { memberId, submission } from './testing/submission.factory';

const facts = (overrides: Parameters<typeof submission>[0] = {}, payerCode = 'BPH') =>
  factsOf(payerCode, submission(overrides));

describe('selectRule', () => {
  it.each([
    ['DENY-001', 'deny'],
    ['PART-7', 'partial'],
    ['PEND42', 'pend_then_approve'],
    ['NOAUTH-1', 'no_auth_required'],
    ['REJECT-1', 'reject'],
    ['FAIL-1', 'fail'],
    ['W123456789', 'approve'],
    ['deny-lowercase', 'deny'],
  ])('the demo rules give member %s the outcome %s', (member, outcome) => {
    expect(selectRule(DEFAULT_RULES, facts(memberId(member)), 0).outcome).toBe(outcome);
  });

  it('takes the first matching rule, every condition of which must hold', () => {
    const rules: DecisionRule[] = [
      {
        name: 'expedited residential at BPH',
        when: { payerCode: 'BPH', levelOfCare: 'residential', urgency: 'expedited' },
        outcome: 'deny',
      },
      { name: 'extensions', when: { certificationType: 'extension' }, outcome: 'partial' },
      { name: 'BPH', when: { payerCode: 'bph' }, outcome: 'pend_then_deny' },
      { name: 'anything', outcome: 'no_auth_required' },
    ];
    expect(selectRule(rules, facts({ levelOfCare: 'residential', urgency: 'expedited' }), 0).name).toBe(
      'expedited residential at BPH',
    );
    expect(selectRule(rules, facts({ levelOfCare: 'residential', urgency: 'standard' }), 0).name).toBe('BPH');
    expect(
      selectRule(rules, facts({ certificationType: 'extension', authorizationNumber: 'A-1' }, 'OTHER'), 0).name,
    ).toBe('extensions');
    expect(selectRule(rules, facts({}, 'OTHER'), 0).name).toBe('anything');
  });

  it('falls back to approval when nothing matches', () => {
    expect(selectRule([{ when: { payerCode: 'X' }, outcome: 'deny' }], facts(), 0)).toBe(FALLBACK_RULE);
    expect(selectRule([], facts(), 0).outcome).toBe('approve');
  });

  it('passes over a fail rule once this trace number has failed failTimes times, and not before', () => {
    const rules: DecisionRule[] = [
      { name: 'flaky', outcome: 'fail', failTimes: 2 },
      { name: 'then deny', outcome: 'deny' },
    ];
    expect(selectRule(rules, facts(), 0).name).toBe('flaky');
    expect(selectRule(rules, facts(), 1).name).toBe('flaky');
    expect(selectRule(rules, facts(), 2).name).toBe('then deny');
    // Without failTimes an outage never ends.
    expect(selectRule([{ outcome: 'fail' }], facts(), 99).outcome).toBe('fail');
  });

  it('FLAKY members meet two outages, then the approving rule', () => {
    expect(selectRule(DEFAULT_RULES, facts(memberId('FLAKY-1')), 1).outcome).toBe('fail');
    expect(selectRule(DEFAULT_RULES, facts(memberId('FLAKY-1')), 2).outcome).toBe('approve');
  });
});
