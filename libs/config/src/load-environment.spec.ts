import 'reflect-metadata';
import { EnvironmentError, loadEnvironment } from './load-environment';
import { AppConfig } from './app-config';
import { NodeEnv } from './environment';

const SERVICE_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/continuum',
  REDIS_URL: 'redis://127.0.0.1:6379',
  PHI_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PHI_ENCRYPTION_KEY_ID: 'k1',
  PHI_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
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

  it('requires the connections and PHI keys of the API and worker processes', () => {
    expect(problemsOf({})).toEqual([
      'DATABASE_URL: is required',
      'REDIS_URL: is required',
      'PHI_ENCRYPTION_KEYS: is required',
      'PHI_ENCRYPTION_KEY_ID: is required',
      'PHI_BLIND_INDEX_KEY: is required',
    ]);
  });

  it('refuses a short ADMIN_API_KEY without echoing it', () => {
    const problems = problemsOf({ ...SERVICE_ENV, ADMIN_API_KEY: 'letmein' });
    expect(problems).toEqual(['ADMIN_API_KEY: must be at least 32 characters, without spaces']);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
  ])('reads TRUST_PROXY=%j for the client address', (raw, expected) => {
    const config = new AppConfig(loadEnvironment({ ...SERVICE_ENV, TRUST_PROXY: raw }));
    expect(config.http.trustProxy).toEqual(expected);
  });

  it('refuses a TRUST_PROXY that is not a flag, a count or addresses', () => {
    expect(problemsOf({ ...SERVICE_ENV, TRUST_PROXY: 'everyone' })).toEqual([
      'TRUST_PROXY: must be true, false, a hop count, or a list of addresses/CIDRs',
    ]);
  });

  it('lets the launcher start without connections (it provides embedded ones)', () => {
    const env = loadEnvironment({}, 'launcher');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats an empty connection URL as missing', () => {
    expect(problemsOf({ ...SERVICE_ENV, DATABASE_URL: ' ' })).toEqual(['DATABASE_URL: is required']);
  });

  it('names each bad variable and never echoes its value', () => {
    const problems = problemsOf({
      ...SERVICE_ENV,
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

  describe('outbound allow-list', () => {
    const configOf = (raw: NodeJS.ProcessEnv): AppConfig => new AppConfig(loadEnvironment({ ...SERVICE_ENV, ...raw }));

    it('reads OUTBOUND_ALLOWED_HOSTS, split and lower-cased, host:port entries kept whole', () => {
      const config = configOf({ OUTBOUND_ALLOWED_HOSTS: ' LocalHost , 127.0.0.1:4010,[::1]:8080,,' });
      expect(config.outbound.allowedHosts).toEqual(['localhost', '127.0.0.1:4010', '[::1]:8080']);
      expect(config.deprecationWarnings).toEqual([]);
    });

    it('is empty by default', () => {
      expect(configOf({}).outbound.allowedHosts).toEqual([]);
    });

    it('falls back to the deprecated WEBHOOK_ALLOWED_HOSTS, with one warning', () => {
      const config = configOf({ WEBHOOK_ALLOWED_HOSTS: 'localhost' });
      expect(config.outbound.allowedHosts).toEqual(['localhost']);
      expect(config.deprecationWarnings).toEqual([
        'WEBHOOK_ALLOWED_HOSTS is deprecated: rename it OUTBOUND_ALLOWED_HOSTS (it now applies to every outbound URL)',
      ]);
    });

    it('ignores WEBHOOK_ALLOWED_HOSTS when OUTBOUND_ALLOWED_HOSTS is set, and says so', () => {
      const config = configOf({ OUTBOUND_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_ALLOWED_HOSTS: 'localhost' });
      expect(config.outbound.allowedHosts).toEqual(['127.0.0.1']);
      expect(config.deprecationWarnings).toEqual([
        'WEBHOOK_ALLOWED_HOSTS is deprecated and ignored, since OUTBOUND_ALLOWED_HOSTS is set',
      ]);
    });

    it('refuses values that are not host lists', () => {
      expect(problemsOf({ ...SERVICE_ENV, OUTBOUND_ALLOWED_HOSTS: 'http://localhost/' })).toEqual([
        'OUTBOUND_ALLOWED_HOSTS: must be host names or addresses separated by commas',
      ]);
    });
  });
});
