import { isUtf8 } from 'node:buffer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, validateSync } from 'class-validator';
import { type FieldError, flattenValidationErrors, validatorFromPredicate } from '@continuum/common';
import { AUTHORIZATION_UNIT_TYPES, type AuthorizationUnitType, isDateOnly, withArticle } from '@continuum/domain';
import { parse278Response, type Response278, type ReviewAction, X12SyntaxError } from '@continuum/x12';

/**
 * What a payer's callback says, read from its body: a JSON event (`{ type, data }`) or an X12 278 response.
 * Pure: no Nest, no I/O. The signature has been checked before this runs; this only reads and validates.
 */

export const PAYER_EVENT_TYPES = [
  'preauth.decision',
  'preauth.pended',
  'preauth.info_requested',
  'preauth.cancelled',
] as const;
export type PayerEventType = (typeof PAYER_EVENT_TYPES)[number];

export const PAYER_EVENT_CONTENT_TYPES = { json: 'application/json', x12: 'application/edi-x12' } as const;

export interface PayerDecisionContent {
  kind: 'decision';
  type: PayerEventType;
  traceNumber: string;
  payerReference: string | null;
  action: ReviewAction;
  authorizationNumber: string | null;
  approvedUnits: number | null;
  unitType: AuthorizationUnitType | null;
  /** YYYY-MM-DD. */
  validFrom: string | null;
  /** YYYY-MM-DD. */
  validTo: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  /** When the payer decided; null when the payer did not say (the caller falls back to the signed webhook-timestamp). */
  decidedAt: Date | null;
}

/** A 278 callback with AAA rejections and no HCR decision: the payer refused the request as sent. */
export interface PayerRejectionContent {
  kind: 'rejection';
  traceNumber: string;
  payerReference: string | null;
  rejections: { code: string; followUp: string | null }[];
  decidedAt: Date | null;
}

export type PayerEventContent = PayerDecisionContent | PayerRejectionContent;

/** The callback's content is unreadable or invalid; `problems` lists every field at fault, as a 400 would. */
export class PayerEventContentError extends Error {
  constructor(
    message: string,
    readonly problems: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const REVIEW_ACTIONS: readonly ReviewAction[] = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'];

/** The actions each event type may carry, the first being its default (none for a decision: it must say). */
const ACTIONS_FOR_TYPE: Record<PayerEventType, { allowed: readonly ReviewAction[]; default: ReviewAction | null }> = {
  'preauth.decision': { allowed: ['A1', 'A2', 'A3', 'A6', 'NA', 'C'], default: null },
  'preauth.pended': { allowed: ['A4', 'CT'], default: 'A4' },
  'preauth.info_requested': { allowed: ['A4', 'CT'], default: 'CT' },
  'preauth.cancelled': { allowed: ['C'], default: 'C' },
};

/** The event type a 278's HCR01 announces. */
const TYPE_FOR_ACTION: Partial<Record<ReviewAction, PayerEventType>> = {
  A4: 'preauth.pended',
  CT: 'preauth.info_requested',
  C: 'preauth.cancelled',
};

/** The media type of a Content-Type header (parameters dropped, case-insensitive), or null when unsupported. */
export function payerEventMediaType(contentType: string | undefined): 'json' | 'x12' | null {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === PAYER_EVENT_CONTENT_TYPES.json) return 'json';
  if (mediaType === PAYER_EVENT_CONTENT_TYPES.x12) return 'x12';
  return null;
}

/**
 * Reads a payer callback's body by its Content-Type: a JSON event or an X12 278 response. Throws a
 * `PayerEventContentError` naming every problem: `content-type` for a media type that is neither (the
 * controller answers 415), `body` for bytes that do not parse, and `type` / `data.<field>` for a JSON event
 * that does not validate.
 *
 * `contentType` is the request's Content-Type header (parameters such as `; charset=utf-8` allowed,
 * case-insensitive).
 */
export function parsePayerEventContent(contentType: string | undefined, body: Buffer): PayerEventContent {
  switch (payerEventMediaType(contentType)) {
    case 'json':
      return parseJsonEvent(body);
    case 'x12':
      return parseX12Event(body);
    case null:
      throw new PayerEventContentError('unsupported payer event content type', [
        {
          field: 'content-type',
          messages: [`content-type must be ${PAYER_EVENT_CONTENT_TYPES.json} or ${PAYER_EVENT_CONTENT_TYPES.x12}`],
        },
      ]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON

/** Validators for `data`. */

const IsDateOnly = validatorFromPredicate('isDateOnly', isDateOnly, (p) => `${p} must be a date written YYYY-MM-DD`);

const IsInstant = validatorFromPredicate(
  'isInstant',
  (value) => typeof value === 'string' && instantOf(value) !== null,
  (p) => `${p} must be an ISO 8601 date and time with Z or a UTC offset, e.g. 2026-11-23T10:00:00Z`,
);

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`: an instant. A time without a zone is not
 * one (whose 10 o'clock?), so it is refused rather than guessed.
 */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

function instantOf(value: string): Date | null {
  const match = INSTANT.exec(value);
  if (match === null) return null;
  const [, date = '', hours = '', minutes = '', seconds = '00', fraction = '', zone = '', zoneHours, zoneMinutes] =
    match;
  if (!isDateOnly(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  if (Number(zoneHours ?? 0) > 23 || Number(zoneMinutes ?? 0) > 59) return null;
  // ECMAScript's own date-time format (milliseconds, Z or ±HH:MM) parses the same on every engine.
  const normalized = `${date}T${hours}:${minutes}:${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`;
  const instant = Date.parse(normalized);
  return Number.isNaN(instant) ? null : new Date(instant);
}

class PayerEventData {
  @Matches(/^[A-Za-z0-9-]{1,50}$/, { message: 'traceNumber must be 1–50 letters, digits or hyphens' })
  traceNumber!: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  payerReference?: string | null;

  @IsOptional()
  @IsIn(REVIEW_ACTIONS, { message: `action must be one of ${REVIEW_ACTIONS.join(', ')}` })
  action?: ReviewAction | null;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  authorizationNumber?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  approvedUnits?: number | null;

  @IsOptional()
  @IsIn(AUTHORIZATION_UNIT_TYPES, { message: `unitType must be one of ${AUTHORIZATION_UNIT_TYPES.join(', ')}` })
  unitType?: AuthorizationUnitType | null;

  @IsOptional()
  @IsDateOnly()
  validFrom?: string | null;

  @IsOptional()
  @IsDateOnly()
  validTo?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  reasonCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reasonText?: string | null;

  @IsOptional()
  @IsInstant()
  decidedAt?: string | null;
}

const DATA_FIELDS = [
  'traceNumber',
  'payerReference',
  'action',
  'authorizationNumber',
  'approvedUnits',
  'unitType',
  'validFrom',
  'validTo',
  'reasonCode',
  'reasonText',
  'decidedAt',
] as const satisfies readonly (keyof PayerEventData)[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The known fields of `data`, copied one by one onto a validation instance: a payer's extra fields are
 * ignored, and a key such as `__proto__` can never reach the instance's prototype.
 */
function dataInstance(data: Record<string, unknown>): PayerEventData {
  const instance = new PayerEventData();
  const target = instance as unknown as Record<string, unknown>;
  for (const field of DATA_FIELDS) {
    if (Object.hasOwn(data, field)) target[field] = data[field];
  }
  return instance;
}

/** An optional string: absent, null and empty all mean "not said". */
const optional = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value === '' ? null : value;

function invalid(problems: FieldError[]): PayerEventContentError {
  return new PayerEventContentError(`invalid payer event: ${problems.map((p) => p.field).join(', ')}`, problems);
}

function readJson(body: Buffer): unknown {
  if (!isUtf8(body)) throw invalid([{ field: 'body', messages: ['body must be UTF-8 text'] }]);
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may carry patient details: say only what is wrong.
    throw invalid([{ field: 'body', messages: ['body must be valid JSON'] }]);
  }
}

function parseJsonEvent(body: Buffer): PayerDecisionContent {
  const event = readJson(body);
  if (!isPlainObject(event)) {
    throw invalid([{ field: 'body', messages: ['body must be a JSON object with type and data'] }]);
  }
  const problems: FieldError[] = [];
  const type = (PAYER_EVENT_TYPES as readonly unknown[]).includes(event.type) ? (event.type as PayerEventType) : null;
  if (type === null) {
    problems.push({ field: 'type', messages: [`type must be one of ${PAYER_EVENT_TYPES.join(', ')}`] });
  }
  if (!isPlainObject(event.data)) {
    problems.push({ field: 'data', messages: ['data must be an object'] });
    throw invalid(problems);
  }

  const data = dataInstance(event.data);
  const fieldProblems = flattenValidationErrors(validateSync(data), 'data');
  problems.push(...fieldProblems);
  const bad = new Set(fieldProblems.map((p) => p.field));

  const action = data.action ?? (type === null ? null : ACTIONS_FOR_TYPE[type].default);
  if (type !== null && !bad.has('data.action')) {
    const { allowed } = ACTIONS_FOR_TYPE[type];
    if (action === null) {
      problems.push({ field: 'data.action', messages: [`action is required in ${withArticle(type)} event`] });
    } else if (!allowed.includes(action)) {
      problems.push({
        field: 'data.action',
        messages: [`action ${action} does not fit ${withArticle(type)} event, which allows ${allowed.join(', ')}`],
      });
    }
  }
  const { validFrom, validTo } = data;
  // Valid YYYY-MM-DD dates compare correctly as strings.
  if (
    typeof validFrom === 'string' &&
    typeof validTo === 'string' &&
    !bad.has('data.validFrom') &&
    !bad.has('data.validTo') &&
    validTo < validFrom
  ) {
    problems.push({ field: 'data.validTo', messages: ['validTo must not be before validFrom'] });
  }
  if (problems.length > 0 || type === null || action === null) throw invalid(problems);

  return {
    kind: 'decision',
    type,
    traceNumber: data.traceNumber,
    payerReference: optional(data.payerReference),
    action,
    authorizationNumber: optional(data.authorizationNumber),
    approvedUnits: data.approvedUnits ?? null,
    unitType: data.unitType ?? null,
    validFrom: validFrom ?? null,
    validTo: validTo ?? null,
    reasonCode: optional(data.reasonCode),
    reasonText: optional(data.reasonText),
    decidedAt: typeof data.decidedAt === 'string' ? instantOf(data.decidedAt) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// X12

/** X12 is ASCII in practice; UTF-8 when it is valid UTF-8, else Latin-1 (every byte is a character). */
const x12Text = (body: Buffer): string => (isUtf8(body) ? body.toString('utf8') : body.toString('latin1'));

function read278(body: Buffer): Response278 {
  try {
    return parse278Response(x12Text(body));
  } catch (error) {
    if (error instanceof X12SyntaxError) throw invalid([{ field: 'body', messages: [error.message] }]);
    throw error;
  }
}

/**
 * What the 278 says, checked against the same limits as a JSON event (a trace number we could have sent,
 * integer units, real dates in order). Problems are reported on `body`, the only field an X12 callback has.
 */
function check278(response: Response278): void {
  const data = dataInstance({
    traceNumber: response.traceNumber,
    payerReference: response.payerReference,
    action: response.action,
    authorizationNumber: response.authorizationNumber,
    approvedUnits: response.approvedUnits,
    validFrom: response.validFrom,
    validTo: response.validTo,
    reasonCode: response.reasonCode,
  });
  const messages = flattenValidationErrors(validateSync(data)).flatMap((p) => p.messages);
  const { validFrom, validTo } = response;
  if (validFrom !== null && validTo !== null && isDateOnly(validFrom) && isDateOnly(validTo) && validTo < validFrom) {
    messages.push('validTo must not be before validFrom');
  }
  if (messages.length > 0) throw invalid([{ field: 'body', messages }]);
}

function parseX12Event(body: Buffer): PayerEventContent {
  const response = read278(body);
  check278(response);
  const { traceNumber, payerReference, action, respondedAt: decidedAt } = response;
  if (action !== null) {
    return {
      kind: 'decision',
      type: TYPE_FOR_ACTION[action] ?? 'preauth.decision',
      traceNumber,
      payerReference,
      action,
      authorizationNumber: response.authorizationNumber,
      approvedUnits: response.approvedUnits,
      // HSD01 could say days or visits, but the parser does not read it: the request's unit type applies.
      unitType: null,
      validFrom: response.validFrom,
      validTo: response.validTo,
      reasonCode: response.reasonCode,
      reasonText: null,
      decidedAt,
    };
  }
  if (response.rejections.length > 0) {
    return { kind: 'rejection', traceNumber, payerReference, rejections: response.rejections, decidedAt };
  }
  throw invalid([{ field: 'body', messages: ['a 278 callback must carry a decision (HCR) or rejections (AAA)'] }]);
}
