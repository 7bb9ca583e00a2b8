import { registerDecorator } from 'class-validator';

/**
 * For a variable with no default: an absent value passes (whether it is required is `@IsDefined`'s
 * business, per process role), a present one must match `pattern`. The message never echoes the value.
 */
export function IsAbsentOrMatching(pattern: RegExp, message: string): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isAbsentOrMatching',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: {
        validate: (value: unknown): boolean =>
          value === undefined || (typeof value === 'string' && pattern.test(value)),
      },
    });
  };
}
