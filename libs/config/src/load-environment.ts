import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { StartupError } from '@continuum/common';
import { Environment, environmentVariableNames, type ProcessRole } from './environment';

export class EnvironmentError extends StartupError {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Values are never echoed: a URL may carry a password. */
const describe = (error: ValidationError): string =>
  `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;

/**
 * Validates the raw environment (usually `process.env`) and returns it typed, or throws an
 * `EnvironmentError` whose message names every bad or missing variable.
 */
export function loadEnvironment(raw: NodeJS.ProcessEnv, role: ProcessRole = 'service'): Environment {
  const known = new Set(environmentVariableNames());
  const relevant = Object.fromEntries(Object.entries(raw).filter(([key]) => known.has(key)));
  const environment = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(environment, {
    // Decorators without a group always apply (`always`); `@IsDefined({ groups: [SERVICE_GROUP] })` only
    // when validating for the service role.
    groups: [role],
    always: true,
  });
  if (errors.length > 0) {
    throw new EnvironmentError(errors.map(describe));
  }
  return environment;
}
