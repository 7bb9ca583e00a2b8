import type { ValidationError } from 'class-validator';
import { plural } from '@continuum/domain';
import type { FieldError } from './common.errors';

/**
 * Constraints about what kind of value a field holds. When one fails the value is of the wrong kind, so the
 * range and format checks that also failed on it (`"24"` is "not ≤ 400" too) would only contradict it.
 */
const KIND_CONSTRAINTS = new Set([
  'isDefined',
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'isObjectNotArray',
  'nestedValidation',
]);

/** class-validator's default wording, made plain ("an integer number", "at least 1 elements"). */
function reword(message: string): string {
  return message
    .replace(/\ban integer number\b/, 'an integer')
    .replace(
      /\b(at (?:least|most)|more than|fewer than) (\d+) elements\b/,
      (_all, bound: string, count: string) => `${bound} ${plural(Number(count), 'element')}`,
    );
}

/** The messages worth showing for one field: the kind errors alone when there are any, else every message. */
function fieldMessages(constraints: Record<string, string>): string[] {
  const entries = Object.entries(constraints);
  const kind = entries.filter(([name]) => KIND_CONSTRAINTS.has(name));
  return [...new Set((kind.length > 0 ? kind : entries).map(([, message]) => reword(message)))];
}

/** class-validator's nested errors as a flat list of dotted field paths with their messages. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    const own: FieldError[] =
      error.constraints !== undefined ? [{ field, messages: fieldMessages(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
