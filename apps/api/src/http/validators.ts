import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsOptional,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  ValidateNested,
} from 'class-validator';
import { validatorFromPredicate } from '@continuum/common';
import { isDateOnly, isValidNpi } from '@continuum/domain';

/** The shared field validators of the API (DTOs import them from here, never redefine them). */
/** A real calendar date written `YYYY-MM-DD`. */
export const IsDateOnly = validatorFromPredicate(
  'isDateOnly',
  isDateOnly,
  (p) => `${p} must be a date written YYYY-MM-DD`,
);

/** A National Provider Identifier with a correct check digit. */
export const IsNpi = validatorFromPredicate(
  'isNpi',
  (value) => typeof value === 'string' && isValidNpi(value),
  (p) => `${p} must be a 10-digit NPI with a valid check digit`,
);

/** ICD-10-CM diagnosis code, with or without the dot (F10.20, F1020). */
export const ICD10_CM = /^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

/** HCPCS Level II (H0015) or CPT (90837, 0001U) code. */
export const HCPCS_OR_CPT = /^([A-V]\d{4}|\d{4}[0-9A-Z])$/;

/**
 * The field may be left out, but not sent as null. class-validator's IsOptional skips null too, so a null got
 * past validation into services that only expect a value or nothing (and failed there with a 500). Fields where
 * null means something (none, the default) keep IsOptional.
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

const objectMessage =
  (each: boolean) =>
  ({ property }: ValidationArguments): string =>
    each ? `each element of ${property} must be an object` : `${property} must be an object`;

/**
 * Validates an object (with `each`, every element of an array) by its class. ValidateNested alone takes an
 * array for an object (it validates the array's elements instead, so `[]` passed and reached the services as an
 * object without fields: 500s); the first rule refuses arrays, ValidateNested refuses null and scalars, both
 * with the same message. Undefined is left to the decorators below, so a missing object gets one message.
 */
const nestedObjectRules = (type: () => new () => object, each: boolean): PropertyDecorator =>
  applyDecorators(
    ValidateBy(
      { name: 'isObjectNotArray', validator: { validate: (value: unknown) => !Array.isArray(value) } },
      { each, message: objectMessage(each) },
    ),
    ValidateNested({ each, message: objectMessage(each) }),
    Type(type),
  );

/**
 * A required nested object, validated by its class. class-validator's ValidateNested passes a missing value, so
 * without IsDefined an absent object reached the services (and failed there with a 500). `requiredMessage`
 * replaces `x is required` where more needs saying (required only under a ValidateIf, or null meaning none).
 */
export const NestedObject = (type: () => new () => object, requiredMessage?: string): PropertyDecorator =>
  applyDecorators(
    IsDefined({ message: ({ property }) => requiredMessage ?? `${property} is required` }),
    nestedObjectRules(type, false),
  );

/** An optional nested object: when present it must be an object of the class; null only with `nullable`. */
export const OptionalNestedObject = (
  type: () => new () => object,
  { nullable = false }: { nullable?: boolean } = {},
): PropertyDecorator => applyDecorators(nullable ? IsOptional() : OptionalNotNull(), nestedObjectRules(type, false));

/** An array of nested objects, each validated by its class (size limits are the DTO's, with ArrayMaxSize…). */
export const NestedObjects = (type: () => new () => object): PropertyDecorator =>
  applyDecorators(IsArray(), nestedObjectRules(type, true));
