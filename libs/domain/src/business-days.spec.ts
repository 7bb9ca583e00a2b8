import { addBusinessDays, businessDaysBetween, federalHolidays, isBusinessDay } from './business-days';
import { goodFaithEstimateDueDate, isValidNpi } from './good-faith-estimate-rules';

describe('business days', () => {
  it('knows the 2026 federal holidays as observed (July 4 on a Saturday is observed Friday July 3)', () => {
    expect(federalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('skips weekends and holidays', () => {
    expect(isBusinessDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(isBusinessDay('2026-11-28')).toBe(false); // Saturday
    // Wednesday Nov 25 + 1 business day skips Thanksgiving: Friday Nov 27.
    expect(addBusinessDays('2026-11-25', 1)).toBe('2026-11-27');
    // Friday Dec 24 + 3: Dec 25 holiday, weekend → Mon 28, Tue 29, Wed 30.
    expect(addBusinessDays('2026-12-24', 3)).toBe('2026-12-30');
    // New Year's Day 2028 is a Saturday, observed Friday Dec 31, 2027.
    expect(isBusinessDay('2027-12-31')).toBe(false);
    expect(businessDaysBetween('2026-11-20', '2026-12-04')).toBe(9);
  });
});

describe('Good Faith Estimate due dates', () => {
  it('is due in 3 business days when scheduled 10 or more business days ahead', () => {
    expect(goodFaithEstimateDueDate({ scheduledOn: '2026-11-20', scheduledDate: '2026-12-07' }).dueDate).toBe(
      '2026-11-25',
    );
  });

  it('is due in 1 business day when scheduled 3 to 9 business days ahead', () => {
    expect(goodFaithEstimateDueDate({ scheduledOn: '2026-11-25', scheduledDate: '2026-12-02' }).dueDate).toBe(
      '2026-11-27',
    );
  });

  it('is not required when scheduled fewer than 3 business days ahead', () => {
    expect(goodFaithEstimateDueDate({ scheduledOn: '2026-11-25', scheduledDate: '2026-11-30' })).toMatchObject({
      dueDate: null,
    });
  });

  it('is due in 3 business days of a request without scheduling', () => {
    expect(goodFaithEstimateDueDate({ requestedOn: '2026-11-25' }).dueDate).toBe('2026-12-01');
  });
});

describe('isValidNpi', () => {
  it.each(['1234567893', '1245319599'])('accepts %s (check digit right)', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each(['1234567890', '123456789', '12345678931', 'abcdefghij'])('refuses %s', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });
});
