import { LevelOfCare } from '../levels-of-care';
import { type PreauthRequestFacts, preauthRequestProblems } from './preauth-request-checks';

const today = '2031-05-20';
const request: PreauthRequestFacts = {
  dateOfBirth: '1988-03-14',
  levelOfCare: LevelOfCare.Iop,
  serviceLines: [{ procedureCode: 'H0015', units: 24, unitType: 'day' }],
  deliveryPattern: { daysPerWeek: 3, weeks: 8 },
  requestedStartDate: '2031-05-25',
  requestedEndDate: '2031-07-19',
};
const invalidFields = (facts: Partial<PreauthRequestFacts>) =>
  preauthRequestProblems({ ...request, ...facts }, today).invalid.map((p) => p.field);

describe('preauthRequestProblems', () => {
  it('accepts a plausible request', () => {
    expect(preauthRequestProblems(request, today)).toEqual({ invalid: [], unusualCodes: [] });
  });

  it.each([
    ['a birth date after today', { dateOfBirth: '2031-05-21' }, 'patient.dateOfBirth'],
    ['a birth date before 1900', { dateOfBirth: '1899-12-31' }, 'patient.dateOfBirth'],
    ['a start more than 30 days back', { requestedStartDate: '2031-04-19' }, 'requestedStartDate'],
    [
      'a start more than 180 days ahead',
      { requestedStartDate: '2031-11-17', requestedEndDate: '2032-01-10' },
      'requestedStartDate',
    ],
    ['an end more than a year ahead', { requestedEndDate: '2032-05-21' }, 'requestedEndDate'],
    ['a pattern with fewer days than asked', { deliveryPattern: { daysPerWeek: 2, weeks: 8 } }, 'deliveryPattern'],
    ['a pattern longer than the period', { deliveryPattern: { daysPerWeek: 3, weeks: 20 } }, 'deliveryPattern'],
  ])('refuses %s, naming the field', (_label, facts, field) => {
    expect(invalidFields(facts)).toEqual([field]);
  });

  it('accepts the edges: 30 days back, 180 days ahead, a year ahead, born 1900-01-01 or today', () => {
    expect(invalidFields({ requestedStartDate: '2031-04-20', dateOfBirth: '1900-01-01' })).toEqual([]);
    expect(
      invalidFields({ requestedStartDate: '2031-11-16', requestedEndDate: '2032-05-19', dateOfBirth: today }),
    ).toEqual([]);
  });

  it('flags a procedure code that is not usual for the level, unless confirmed', () => {
    const detox = { ...request, levelOfCare: LevelOfCare.Detox, deliveryPattern: null };
    expect(preauthRequestProblems(detox, today).unusualCodes.map((p) => p.field)).toEqual([
      'serviceLines.0.procedureCode',
    ]);
    expect(preauthRequestProblems({ ...detox, procedureCodesConfirmed: true }, today).unusualCodes).toEqual([]);
  });
});
