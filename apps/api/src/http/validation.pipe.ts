import { ValidationPipe } from '@nestjs/common';
import { CommonError, flattenValidationErrors } from '@continuum/common';

/** The one validation pipe: unknown fields are refused, and every failure lists the fields at fault. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => CommonError.validation(flattenValidationErrors(errors)),
  });
}
