import { checkSubmission } from './submission-validation';
import { submission } from './testing/submission.factory';

describe('checkSubmission', () => {
  it('passes a complete submission through', () => {
    expect(checkSubmission(submission())).toEqual({ valid: true, submission: submission() });
  });

  it('names missing and malformed fields, never their values', () => {
    const { traceNumber: _, ...withoutTrace } = submission();
    expect(
      checkSubmission({ ...withoutTrace, startDate: '12/01/2026', member: { memberId: '' }, requestedUnits: 2.5 }),
    ).toEqual({
      valid: false,
      problems: [
        'traceNumber is required',
        'member.memberId is required',
        'requestedUnits must be a whole number ≥ 0',
        'startDate must be a YYYY-MM-DD date',
      ],
    });
    expect(checkSubmission('hello')).toEqual({ valid: false, problems: ['the body must be a JSON object'] });
  });

  it('needs the authorization number of an extension, and dates in order', () => {
    expect(checkSubmission(submission({ certificationType: 'extension' }))).toMatchObject({
      problems: ['authorizationNumber (of an extension or a cancellation) is required'],
    });
    expect(checkSubmission(submission({ startDate: '2027-02-01' }))).toMatchObject({
      problems: ['endDate must not be before startDate'],
    });
  });
});
