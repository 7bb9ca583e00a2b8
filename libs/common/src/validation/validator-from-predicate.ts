import { registerDecorator } from 'class-validator';

/** A class-validator property decorator from a plain predicate and its message. */
export function validatorFromPredicate(
  name: string,
  predicate: (value: unknown) => boolean,
  message: (property: string) => string,
): () => PropertyDecorator {
  return (): PropertyDecorator => (target, propertyName) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: message(String(propertyName)) },
      validator: { validate: predicate },
    });
  };
}
