import 'reflect-metadata';
import { EnvironmentError, loadEnvironment } from './load-environment';
import { NodeEnv } from './environment';

const SERVICE_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/continuum',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

const problemsOf = (raw: NodeJS.ProcessEnv, role: 'service' | 'launcher' = 'service'): string[] => {
  try {
    loadEnvironment(raw, role);
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
  throw new Error('expected an EnvironmentError');
};

describe('loadEnvironment', () => {
  it('fills every default when only the connections are given', () => {
    const env = loadEnvironment(SERVICE_ENV);
    expect(env).toMatchObject({
      NODE_ENV: NodeEnv.Development,
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_POOL_SIZE: 10,
      DATABASE_MIGRATIONS_RUN: true,
      QUEUE_PREFIX: 'continuum',
      LOG_LEVEL: 'info',
      LOG_PRETTY: false,
      DATA_DIR: '.data',
    });
  });

  it('converts numbers and booleans from their string form', () => {
    const env = loadEnvironment({ ...SERVICE_ENV, PORT: '8080', LOG_PRETTY: 'true', DATABASE_MIGRATIONS_RUN: '0' });
    expect(env.PORT).toBe(8080);
    expect(env.LOG_PRETTY).toBe(true);
    expect(env.DATABASE_MIGRATIONS_RUN).toBe(false);
  });

  it('requires DATABASE_URL and REDIS_URL of the API and worker processes', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL: is required', 'REDIS_URL: is required']);
  });

  it('lets the launcher start without connections (it provides embedded ones)', () => {
    const env = loadEnvironment({}, 'launcher');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats an empty connection URL as missing', () => {
    expect(problemsOf({ DATABASE_URL: ' ', REDIS_URL: SERVICE_ENV.REDIS_URL })).toEqual(['DATABASE_URL: is required']);
  });

  it('names each bad variable and never echoes its value', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://user:hunter2@db/continuum',
      REDIS_URL: 'not a url',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      LOG_PRETTY: 'maybe',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'LOG_LEVEL',
      'LOG_PRETTY',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toBe(
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql://',
    );
  });

  it('ignores variables it does not know', () => {
    expect(() => loadEnvironment({ ...SERVICE_ENV, PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
