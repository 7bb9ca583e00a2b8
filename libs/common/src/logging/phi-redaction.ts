/**
 * Log redaction. Two layers:
 * - fixed paths for credentials carried in headers (fast-redact, compiled once by pino);
 * - a key-name pattern for anything that looks like patient data, wherever it sits in a log object,
 *   because nobody can list in advance every path a future log line might use.
 */
export const REDACTED = '[REDACTED]';

export const REDACTED_HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
];

/** Key names (case-insensitive, separators ignored) treated as protected health information or secrets. */
const PHI_KEY_PATTERN =
  /^(patient|patients|patientname|firstname|lastname|middlename|fullname|dob|dateofbirth|birthdate|sex|gender|ssn|socialsecuritynumber|memberid|subscriberid|medicaidid|medicarenumber|policynumber|diagnosis|diagnoses|diagnosiscodes|icd10|clinicalsummary|clinicalnotes|notes|address|street|phone|phonenumber|email|password|secret|apikey|token|authorization)$/;

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

export const isPhiKey = (key: string): boolean => PHI_KEY_PATTERN.test(normalizeKey(key));

const MAX_DEPTH = 8;

/**
 * Returns a copy of `value` with every property whose key looks like PHI replaced by `[REDACTED]`.
 * Objects that are not plain (errors, dates, buffers) are kept as they are except for errors, whose own
 * enumerable properties are walked too.
 */
export function redactPhi(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactPhi(item, depth + 1));
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  const isPlain = prototype === Object.prototype || prototype === null;
  if (!isPlain && !(value instanceof Error)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, nested] of Object.entries(value)) {
    copy[key] = isPhiKey(key) ? REDACTED : redactPhi(nested, depth + 1);
  }
  if (value instanceof Error) {
    copy.type = value.name;
    copy.message = value.message;
    copy.stack = value.stack;
  }
  return copy;
}
