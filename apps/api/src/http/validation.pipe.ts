import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { CommonError, flattenValidationErrors } from '@continuum/common';

/** No request of this API nests deeper; class-transformer recurses per level and overflows the stack near 2,000. */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests arrays or objects deeper than `limit` (iterative, so the check itself cannot overflow). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    // Raw bodies (payer callbacks are kept as a Buffer) have no nesting to check.
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Refuses a too deeply nested body with a 400 before validation turns it into a stack overflow (a 500). */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw CommonError.validation([
        { field: 'body', messages: [`body must not nest more than ${MAX_BODY_DEPTH} levels deep`] },
      ]);
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: unknown fields are refused, and every failure lists the fields at fault. */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => CommonError.validation(flattenValidationErrors(errors)),
  });
}
