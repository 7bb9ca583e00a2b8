/** The 50 states and the District of Columbia, as USPS two-letter codes. */
// prettier-ignore
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

export type UsStateCode = (typeof US_STATE_CODES)[number];

const US_STATE_CODE_SET: ReadonlySet<string> = new Set(US_STATE_CODES);

/** Whether `value` is one of the 50 state codes or `DC` (upper case, exactly as in `US_STATE_CODES`). */
export function isUsStateCode(value: unknown): value is UsStateCode {
  return typeof value === 'string' && US_STATE_CODE_SET.has(value);
}
