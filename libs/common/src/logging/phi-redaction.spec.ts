import { isPhiKey, REDACTED, redactPhi } from './phi-redaction';

describe('redactPhi', () => {
  it('censors patient data under any spelling of its key, at any depth', () => {
    const logged = {
      preauthId: 'pa_123',
      patient: { firstName: 'Ada', lastName: 'Lovelace' },
      request: {
        member_id: 'W123456789',
        'date-of-birth': '1990-01-31',
        lines: [{ diagnosisCodes: ['F10.20'], units: 10 }],
        clinicalSummary: 'history of …',
      },
    };
    expect(redactPhi(logged)).toEqual({
      preauthId: 'pa_123',
      patient: REDACTED,
      request: {
        member_id: REDACTED,
        'date-of-birth': REDACTED,
        lines: [{ diagnosisCodes: REDACTED, units: 10 }],
        clinicalSummary: REDACTED,
      },
    });
  });

  it('leaves ids, codes, statuses and amounts alone', () => {
    const logged = { jobId: 'probe-1', job: 'system.queue-probe', status: 'queued', totalChargeCents: 450000 };
    expect(redactPhi(logged)).toEqual(logged);
  });

  it('does not modify the object it was given', () => {
    const logged = { patient: { name: 'Ada' } };
    redactPhi(logged);
    expect(logged.patient.name).toBe('Ada');
  });

  it('walks the properties of errors and keeps their message and stack', () => {
    const error = Object.assign(new Error('payer rejected'), { memberId: 'W1' });
    expect(redactPhi({ err: error })).toMatchObject({
      err: { memberId: REDACTED, message: 'payer rejected', type: 'Error', stack: expect.any(String) },
    });
  });

  it.each(['dob', 'DOB', 'dateOfBirth', 'subscriber_id', 'SSN', 'diagnoses', 'authorization', 'apiKey'])(
    'treats %s as sensitive',
    (key) => expect(isPhiKey(key)).toBe(true),
  );

  it.each(['name', 'requestId', 'levelOfCare', 'payerCode', 'statusCode'])('treats %s as harmless', (key) =>
    expect(isPhiKey(key)).toBe(false),
  );
});
