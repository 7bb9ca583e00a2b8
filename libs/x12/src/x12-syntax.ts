/** The delimiters of an interchange. Continuum writes the common ones; a parser reads them from the ISA. */
export interface X12Delimiters {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export const DEFAULT_DELIMITERS: X12Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

export type Segment = readonly string[];

/**
 * X12 has no escaping: a delimiter inside a value would split it. Values are made safe by replacing
 * delimiter characters (and line breaks) with a space, and by upper-casing nothing: names keep their case.
 */
export function cleanValue(value: string, delimiters: X12Delimiters = DEFAULT_DELIMITERS): string {
  const forbidden = new Set([
    delimiters.element,
    delimiters.component,
    delimiters.repetition,
    delimiters.segment,
    '\r',
    '\n',
  ]);
  return [...value]
    .map((c) => (forbidden.has(c) ? ' ' : c))
    .join('')
    .trim();
}

/** Serializes segments, dropping trailing empty elements as X12 requires. */
export function writeSegments(segments: readonly Segment[], delimiters: X12Delimiters = DEFAULT_DELIMITERS): string {
  return segments
    .map((segment) => {
      const elements = [...segment];
      while (elements.length > 1 && elements[elements.length - 1] === '') elements.pop();
      return elements.join(delimiters.element) + delimiters.segment;
    })
    .join('\n');
}

/** Splits an interchange into segments, reading its delimiters from the fixed-width ISA header. */
export function readSegments(text: string): { delimiters: X12Delimiters; segments: string[][] } {
  const start = text.indexOf('ISA');
  if (start < 0 || text.length < start + 106) throw new X12SyntaxError('not an X12 interchange: no ISA header');
  const isa = text.slice(start, start + 106);
  const delimiters: X12Delimiters = {
    element: isa.charAt(3),
    repetition: isa.split(isa.charAt(3))[11] ?? '^',
    component: isa.charAt(104),
    segment: isa.charAt(105),
  };
  const segments = text
    .slice(start)
    .split(delimiters.segment)
    .map((s) => s.replace(/^[\r\n]+/, '').trim())
    .filter((s) => s !== '')
    .map((s) => s.split(delimiters.element));
  return { delimiters, segments };
}

export class X12SyntaxError extends Error {}

/** CCYYMMDD from YYYY-MM-DD. */
export const x12Date = (date: string): string => date.replaceAll('-', '');

/** YYYY-MM-DD from CCYYMMDD. */
export function isoDate(x12: string): string {
  if (!/^\d{8}$/.test(x12)) throw new X12SyntaxError(`not an X12 date: ${x12}`);
  return `${x12.slice(0, 4)}-${x12.slice(4, 6)}-${x12.slice(6, 8)}`;
}
