import { DatabaseBusyError, isDatabaseUnavailableError } from './connection-errors';

describe('isDatabaseUnavailableError', () => {
  it('recognises socket failures, wherever TypeORM or pg put them', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']) {
      const socketError = Object.assign(new Error('connect failed'), { code });
      expect(isDatabaseUnavailableError(socketError)).toBe(true);
      expect(isDatabaseUnavailableError({ message: 'query failed', driverError: socketError })).toBe(true);
      expect(isDatabaseUnavailableError(new Error('wrapped', { cause: socketError }))).toBe(true);
    }
  });

  it('recognises a server going away or refusing connections by its SQLSTATE', () => {
    for (const code of ['08006', '08001', '57P01', '57P02', '57P03', '53300']) {
      expect(isDatabaseUnavailableError({ code, message: 'server said no' })).toBe(true);
    }
  });

  it('recognises node-postgres messages that carry no code', () => {
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('counts a write that waited too long for the database (group commit) as unavailable', () => {
    expect(isDatabaseUnavailableError(new DatabaseBusyError('the database did not take it in time'))).toBe(true);
  });

  it('leaves a query that is wrong (a constraint, a syntax error) and anything else alone', () => {
    for (const code of ['23505', '23503', '42601', '42P01', '22P02']) {
      expect(isDatabaseUnavailableError({ code, message: 'bad query' })).toBe(false);
    }
    for (const value of [undefined, null, 'ECONNREFUSED', 42, new Error('Cannot read properties of undefined')]) {
      expect(isDatabaseUnavailableError(value)).toBe(false);
    }
  });

  it('stops following causes after a few levels, even around a cycle', () => {
    const cyclic: { message: string; cause?: unknown } = { message: 'outer' };
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailableError(cyclic)).toBe(false);
  });
});
