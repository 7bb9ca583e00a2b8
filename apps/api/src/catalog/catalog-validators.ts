import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ESTIMATE_INPUT_LIMITS } from '@continuum/domain';

/** No provider price or plan amount comes near $1,000,000 per unit or per year: anything above is a typo. */
export const MAX_CENTS = ESTIMATE_INPUT_LIMITS.maxAmountCents;

/** Integer cents, 0 to MAX_CENTS. */
export const IsCents = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(MAX_CENTS));

/** The property may be null (explicitly); other validators apply otherwise. */
export const NullableOr = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== null);
