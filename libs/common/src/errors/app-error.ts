/**
 * Base class for every error a feature raises on purpose. Each feature declares its own code enum in
 * `<feature>.errors.ts`; the API's global filter maps every code to an HTTP status in one exhaustive switch.
 */
export abstract class AppError<TCode extends string = string> extends Error {
  abstract readonly code: TCode;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A reason a process cannot start that a person can act on (a bad variable, a busy data directory). Entry
 * points print its message alone, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
