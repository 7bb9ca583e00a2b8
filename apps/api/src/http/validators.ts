import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
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
 * A required nested object, validated by its class. class-validator's ValidateNested passes a missing value, so
 * without IsDefined an absent object reached the services (and failed there with a 500).
 */
export const NestedObject = (type: () => new () => object): PropertyDecorator =>
  applyDecorators(IsDefined({ message: ({ property }) => `${property} is required` }), ValidateNested(), Type(type));
