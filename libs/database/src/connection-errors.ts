/** Socket errors that mean PostgreSQL could not be reached or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or refusing work: connection exceptions (class 08), a backend
 * terminated by an administrator or a shutdown (57P01–57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** node-postgres and its pool report these as plain errors without a code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection refused|the database system is (starting up|shutting down)/i;

/**
 * TypeORM releases a query runner whose connection broke; the transaction's next query then fails with these
 * (the cause is the lost connection, not the request).
 */
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * A write that waited too long for the database to take it (see `GroupCommit`): the same answer as a pool
 * that cannot hand out a connection in time, 503, and the caller may retry.
 */
export class DatabaseBusyError extends Error {
  override readonly name = 'DatabaseBusyError';
}

/**
 * Whether an error (as thrown by TypeORM, which wraps the driver's in `driverError`) means the database is
 * unreachable rather than that the query was wrong: the API answers those 503, a client may retry.
 */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { name, code, message, driverError, cause } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (error instanceof DatabaseBusyError) return true;
  if (typeof name === 'string' && RELEASED_RUNNER_ERRORS.has(name)) return true;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  return isDatabaseUnavailableError(driverError, depth + 1) || isDatabaseUnavailableError(cause, depth + 1);
}
