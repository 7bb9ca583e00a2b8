import type { ValidationError } from 'class-validator';
import type { FieldError } from './common.errors';

/** class-validator's nested errors as a flat list of dotted field paths with their messages. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    const own: FieldError[] =
      error.constraints !== undefined ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
