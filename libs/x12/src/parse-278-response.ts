import { isoDate, readSegments, X12SyntaxError } from './x12-syntax';

/** HCR01 review action codes. */
export type ReviewAction = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'NA';

export type PreauthDecision =
  'approved' | 'partially_approved' | 'denied' | 'pended' | 'cancelled' | 'no_auth_required';

/** What a payer's HCR01 means for the request. */
export const DECISION_FOR_ACTION: Record<ReviewAction, PreauthDecision> = {
  A1: 'approved',
  A2: 'partially_approved',
  A3: 'denied',
  A4: 'pended',
  // Modified: certified, but not as requested (other dates, units or service).
  A6: 'partially_approved',
  C: 'cancelled',
  // Contact payer: no decision yet; staff must call.
  CT: 'pended',
  NA: 'no_auth_required',
};

export interface Response278 {
  traceNumber: string;
  action: ReviewAction | null;
  decision: PreauthDecision | null;
  authorizationNumber: string | null;
  reasonCode: string | null;
  approvedUnits: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** AAA segments: the payer rejected the request itself (bad member id, missing data, …). */
  rejections: { code: string; followUp: string | null }[];
  /** REF*NT: the payer's administrative reference number for the request. */
  payerReference: string | null;
  /**
   * When the payer produced the response: BHT04 (CCYYMMDD) and BHT05 (HHMM, HHMMSS or HHMMSSD…; decimal
   * seconds are dropped). X12 carries no time zone; we read it as UTC, as Continuum writes it. Null when
   * either element is absent or not a real date and time.
   */
  respondedAt: Date | null;
}

const ACTIONS = new Set<string>(Object.keys(DECISION_FOR_ACTION));

const X12_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** TM: HHMM, HHMMSS, or HHMMSS with one or two digits of decimal seconds. */
const X12_TIME = /^(\d{2})(\d{2})(?:(\d{2})\d{0,2})?$/;

/** The instant of an X12 date (CCYYMMDD) and time (TM), read as UTC; null if either is missing or invalid. */
function x12Instant(date: string | undefined, time: string | undefined): Date | null {
  const d = X12_DATE.exec(date ?? '');
  const t = X12_TIME.exec(time ?? '');
  if (d === null || t === null) return null;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  const hours = Number(t[1]);
  const minutes = Number(t[2]);
  const seconds = Number(t[3] ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const instant = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  // Date.UTC rolls an impossible date over (Feb 30 → Mar 2): only a date that reads back the same is real.
  const real = instant.getUTCFullYear() === year && instant.getUTCMonth() === month - 1 && instant.getUTCDate() === day;
  return real ? instant : null;
}

/**
 * Reads a 278 response: the trace number we sent (BHT03 or TRN02), the first review outcome (HCR), the
 * authorization number (HCR02 or REF*BB), the certified period (DTP 007/036 or a 472 range), the approved
 * quantity (HSD02), any AAA rejections, the payer's reference (REF*NT) and when it responded (BHT04/05).
 */
export function parse278Response(text: string): Response278 {
  const { segments } = readSegments(text);
  const st = segments.find((s) => s[0] === 'ST');
  if (st?.[1] !== '278') throw new X12SyntaxError('not a 278 transaction');
  const first = (id: string, qualifier?: string): string[] | undefined =>
    segments.find((s) => s[0] === id && (qualifier === undefined || s[1] === qualifier));

  const traceNumber = first('BHT')?.[3] ?? first('TRN')?.[2] ?? '';
  if (traceNumber === '') throw new X12SyntaxError('the response carries no trace number (BHT03 / TRN02)');
  const hcr = first('HCR');
  const actionCode = hcr?.[1] ?? '';
  const action = ACTIONS.has(actionCode) ? (actionCode as ReviewAction) : null;
  if (hcr !== undefined && action === null) throw new X12SyntaxError(`unknown HCR01 action code ${actionCode}`);

  let validFrom: string | null = null;
  let validTo: string | null = null;
  for (const dtp of segments.filter((s) => s[0] === 'DTP')) {
    const [, qualifier, format, value = ''] = dtp;
    if (format === 'RD8' && (qualifier === '472' || qualifier === 'AAH' || qualifier === '007') && validFrom === null) {
      const [from = '', to = ''] = value.split('-');
      validFrom = isoDate(from);
      validTo = isoDate(to);
    } else if (format === 'D8' && qualifier === '007') validFrom = isoDate(value);
    else if (format === 'D8' && qualifier === '036') validTo = isoDate(value);
  }
  const hsdQuantity = first('HSD')?.[2];
  const bht = first('BHT');
  const payerReference = first('REF', 'NT')?.[2] ?? '';
  const authorizationNumber = (hcr?.[2] ?? '') !== '' ? (hcr?.[2] ?? null) : (first('REF', 'BB')?.[2] ?? null);
  return {
    traceNumber,
    action,
    decision: action === null ? null : DECISION_FOR_ACTION[action],
    authorizationNumber,
    reasonCode: (hcr?.[3] ?? '') === '' ? null : (hcr?.[3] ?? null),
    approvedUnits: hsdQuantity === undefined || hsdQuantity === '' ? null : Number(hsdQuantity),
    validFrom,
    validTo,
    rejections: segments
      .filter((s) => s[0] === 'AAA' && s[1] === 'N')
      .map((s) => ({ code: s[3] ?? '', followUp: (s[4] ?? '') === '' ? null : (s[4] ?? null) })),
    payerReference: payerReference === '' ? null : payerReference,
    respondedAt: x12Instant(bht?.[4], bht?.[5]),
  };
}
