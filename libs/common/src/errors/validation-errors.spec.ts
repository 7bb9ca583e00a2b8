import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsPositive,
  IsString,
  Max,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { CommonError, CommonErrorCode } from './common.errors';
import { flattenValidationErrors } from './validation-errors';

class Household {
  @IsInt()
  @IsPositive()
  size!: number;

  @IsInt()
  annualIncomeCents!: number;
}

class EstimateRequest {
  @IsIn(['detox', 'iop'])
  levelOfCare!: string;

  @ValidateNested()
  @Type(() => Household)
  household!: Household;
}

const errorsFor = (body: object) => validateSync(plainToInstance(EstimateRequest, body));

describe('flattenValidationErrors', () => {
  it('lists nested failures by dotted path, with every message', () => {
    const fields = flattenValidationErrors(
      errorsFor({ levelOfCare: 'spa', household: { size: -1, annualIncomeCents: 12.5 } }),
    );
    expect(fields).toEqual([
      { field: 'levelOfCare', messages: ['levelOfCare must be one of the following values: detox, iop'] },
      { field: 'household.size', messages: ['size must be a positive number'] },
      { field: 'household.annualIncomeCents', messages: ['annualIncomeCents must be an integer'] },
    ]);
  });

  it('becomes a validation_failed error whose details carry the fields', () => {
    const error = CommonError.validation(flattenValidationErrors(errorsFor({ levelOfCare: 'iop', household: {} })));
    expect(error.code).toBe(CommonErrorCode.ValidationFailed);
    expect(error.message).toBe('Invalid request: household.size, household.annualIncomeCents');
    expect(error.details.fields).toHaveLength(2);
  });

  it('returns nothing for a valid body', () => {
    expect(
      flattenValidationErrors(errorsFor({ levelOfCare: 'iop', household: { size: 3, annualIncomeCents: 4_500_000 } })),
    ).toEqual([]);
  });

  it('keeps only the type error when a value is of the wrong kind, not the range checks it also fails', () => {
    class Units {
      @IsInt()
      @Min(1)
      @Max(400)
      units!: number;
    }
    expect(flattenValidationErrors(validateSync(plainToInstance(Units, { units: '24' })))).toEqual([
      { field: 'units', messages: ['units must be an integer'] },
    ]);
    expect(flattenValidationErrors(validateSync(plainToInstance(Units, { units: 0 })))).toEqual([
      { field: 'units', messages: ['units must not be less than 1'] },
    ]);
  });

  it('counts elements in the right number', () => {
    class Lists {
      @IsString({ each: true })
      @ArrayMinSize(1)
      one!: string[];

      @IsString({ each: true })
      @ArrayMinSize(2)
      two!: string[];
    }
    expect(flattenValidationErrors(validateSync(plainToInstance(Lists, { one: [], two: ['a'] })))).toEqual([
      { field: 'one', messages: ['one must contain at least 1 element'] },
      { field: 'two', messages: ['two must contain at least 2 elements'] },
    ]);
  });
});
