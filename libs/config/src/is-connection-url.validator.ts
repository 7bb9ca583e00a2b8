import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A URL that `new URL()` parses, with one of the given protocols and a host or a socket path. An absent value
 * passes: whether it is required is `@IsDefined`'s business.
 */
export function IsConnectionUrl(protocols: string[], options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isConnectionUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (value === undefined) return true;
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return protocols.includes(url.protocol) && (url.hostname !== '' || url.searchParams.has('host'));
          } catch {
            return false;
          }
        },
      },
    });
  };
}
