import { isUsStateCode, US_STATE_CODES } from './us-states';

describe('US_STATE_CODES', () => {
  it('holds the 50 states and DC, once each', () => {
    expect(US_STATE_CODES).toHaveLength(51);
    expect(new Set(US_STATE_CODES).size).toBe(51);
    expect(US_STATE_CODES).toEqual(expect.arrayContaining(['AK', 'HI', 'DC', 'WY', 'CA']));
  });
});

describe('isUsStateCode', () => {
  it.each(['AK', 'HI', 'DC', 'NY'])('accepts %p', (value) => {
    expect(isUsStateCode(value)).toBe(true);
  });

  it.each(['PR', 'GU', 'ny', 'XX', '', 1, null])('rejects %p', (value) => {
    expect(isUsStateCode(value)).toBe(false);
  });
});
