import { parseRules, RulesError } from './decision-rules-parser';

const problemsOf = (document: unknown): string[] => {
  try {
    parseRules(document);
    return [];
  } catch (error) {
    if (error instanceof RulesError) return error.problems;
    throw error;
  }
};

describe('parseRules', () => {
  it('accepts every documented field', () => {
    const rules = [
      {
        name: 'everything',
        when: {
          payerCode: 'BPH',
          levelOfCare: 'iop',
          memberIdPrefix: 'X',
          certificationType: 'extension',
          urgency: 'expedited',
        },
        outcome: 'partial',
        delayMs: 0,
        pendForMs: 10,
        approvedFraction: 0.5,
        approvedUnits: 3,
        validDays: 7,
        reasonCode: 'MN',
        reasonText: 'why',
        rejectionCode: 'member_not_found',
        rejectionMessage: 'who',
        failTimes: 1,
      },
      { outcome: 'approve' },
    ];
    expect(parseRules({ rules })).toEqual(rules);
  });

  it('names each problem, unknown fields included (a typo must not match everything)', () => {
    expect(problemsOf({ rules: [{ outcome: 'approve', when: { memberPrefix: 'X' } }] })).toEqual([
      'rules[0].when.memberPrefix is not a known condition',
    ]);
    expect(
      problemsOf({
        rules: [
          { outcome: 'later', delayMs: -1, approvedFraction: 2, validDays: 0, colour: 'red' },
          { outcome: 'deny', when: { urgency: 'urgent', payerCode: '' } },
          'approve',
        ],
      }),
    ).toEqual([
      'rules[0].outcome must be one of approve, partial, deny, pend_then_approve, pend_then_deny, no_auth_required, reject, fail',
      'rules[0].delayMs must be a whole number ≥ 0',
      'rules[0].approvedFraction must be a number above 0 and at most 1',
      'rules[0].validDays must be a whole number ≥ 1',
      'rules[0].colour is not a known rule field',
      'rules[1].when.urgency must be one of standard, expedited',
      'rules[1].when.payerCode must be a non-empty string',
      'rules[2] must be an object',
    ]);
    expect(problemsOf([{ outcome: 'approve' }])).toEqual(['expected an object with a "rules" array']);
  });
});
