import { ParseUUIDPipe } from '@nestjs/common';
import { CommonError } from '@continuum/common';

/** `@Param('id', uuidParam('id'))`: a malformed id is a 400 naming the parameter, not a 500 from PostgreSQL. */
export const uuidParam = (name: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => CommonError.validation([{ field: name, messages: [`${name} must be a UUID`] }]),
  });
