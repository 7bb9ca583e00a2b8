import type { FieldError } from '@continuum/common';

/** A cheap first look: only escapes can put a NUL or a lone surrogate into parsed JSON. */
export const mayHoldUnstorableText = (json: string): boolean => /\\u(0000|d[89a-f])/i.test(json);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether every string in a parsed body can be stored: PostgreSQL text and jsonb refuse NUL, and an unpaired
 * surrogate is not Unicode text. Refused at parsing (400) rather than failing the write (500).
 */
export function storableText(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\0') && !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(storableText);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, item]) => storableText(key) && storableText(item));
  }
  return true;
}

/** The path parameters and query values that `storableText` refuses, each named with where it came from. */
export function unstorableRequestValues(params: unknown, query: unknown): FieldError[] {
  const refused = (values: unknown, where: string): FieldError[] =>
    typeof values === 'object' && values !== null
      ? Object.entries(values)
          .filter(([name, value]) => !storableText(name) || !storableText(value))
          .map(([name]) => ({
            field: name,
            messages: [`${where} ${name} must not hold NUL characters (%00) or unpaired surrogates`],
          }))
      : [];
  return [...refused(params, 'path parameter'), ...refused(query, 'query parameter')];
}
