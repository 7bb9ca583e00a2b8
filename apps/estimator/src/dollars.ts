import { formatDollars } from '@continuum/domain';

/** "$1,234.56"; whole dollars drop the cents ("$3,000") because that is how people read prices. */
export function dollars(cents: number): string {
  const text = formatDollars(cents);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

export type ParsedDollars = { kind: 'empty' } | { kind: 'amount'; cents: number } | { kind: 'invalid' };

/** 1,234.5 or $1234.56: digits with optional thousands commas and at most two decimals. */
const DOLLAR_AMOUNT = /^\$?\s*([1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
/** More digits than any limit needs; stops a long string from overflowing a safe integer. */
const MAX_WHOLE_DIGITS = 12;

/** What a person typed into a dollar field, as exact cents (no floating point on the way). */
export function parseDollars(text: string): ParsedDollars {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = DOLLAR_AMOUNT.exec(trimmed);
  if (match === null) return { kind: 'invalid' };
  const whole = (match[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return { kind: 'amount', cents: Number.MAX_SAFE_INTEGER };
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return { kind: 'amount', cents: Number(whole) * 100 + Number(fraction) };
}
