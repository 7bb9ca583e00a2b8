import type { SandboxSubmission } from '@continuum/payer-gateway';

type Problem = string | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_TYPES = ['day', 'session', 'unit'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, path: string): Problem =>
  typeof value === 'string' && value.trim() !== '' ? null : `${path} is required`;
const oneOf = (value: unknown, path: string, allowed: readonly string[]): Problem =>
  typeof value === 'string' && allowed.includes(value) ? null : `${path} must be one of ${allowed.join(', ')}`;
const date = (value: unknown, path: string): Problem =>
  typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
    ? null
    : `${path} must be a YYYY-MM-DD date`;
const count = (value: unknown, path: string): Problem =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? null : `${path} must be a whole number ≥ 0`;

export type SubmissionCheck = { valid: true; submission: SandboxSubmission } | { valid: false; problems: string[] };

/**
 * A minimal check of a JSON submission: what the simulated payer reads is present and of the right kind.
 * Problems name fields only, never values (they are PHI).
 */
export function checkSubmission(body: unknown): SubmissionCheck {
  const problems = submissionProblems(body);
  return problems.length === 0 ? { valid: true, submission: body as SandboxSubmission } : { valid: false, problems };
}

function submissionProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body must be a JSON object'];
  const member = isObject(body.member) ? body.member : {};
  const problems: Problem[] = [
    text(body.traceNumber, 'traceNumber'),
    oneOf(body.certificationType, 'certificationType', ['initial', 'extension', 'cancel']),
    oneOf(body.urgency, 'urgency', ['standard', 'expedited']),
    text(body.levelOfCare, 'levelOfCare'),
    text(member.memberId, 'member.memberId'),
    count(body.requestedUnits, 'requestedUnits'),
    oneOf(body.unitType, 'unitType', UNIT_TYPES),
    date(body.startDate, 'startDate'),
    date(body.endDate, 'endDate'),
    Array.isArray(body.serviceLines) ? null : 'serviceLines must be an array',
    Array.isArray(body.diagnoses) ? null : 'diagnoses must be an array',
  ];
  if (body.certificationType === 'extension' || body.certificationType === 'cancel') {
    problems.push(text(body.authorizationNumber, 'authorizationNumber (of an extension or a cancellation)'));
  }
  const found = problems.filter((p): p is string => p !== null);
  // Only once both are valid dates does their order mean anything.
  if (found.length === 0 && (body.startDate as string) > (body.endDate as string)) {
    found.push('endDate must not be before startDate');
  }
  return found;
}
