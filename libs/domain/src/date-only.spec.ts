import { isDateOnly } from './date-only';

describe('isDateOnly', () => {
  it.each(['2025-01-15', '2024-02-29', '2000-02-29', '2025-12-31'])('accepts %p', (value) => {
    expect(isDateOnly(value)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-15',
    '2025-01-15T00:00:00Z',
    '',
    20250115,
    null,
  ])('rejects %p', (value) => {
    expect(isDateOnly(value)).toBe(false);
  });
});
