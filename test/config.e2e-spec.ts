import { ServiceUnderTest } from './support/service-process';
import { createSandbox } from './support/test-stack';

describe('Configuration is validated at boot', () => {
  it.each(['api', 'worker'] as const)(
    'stops the %s with a message naming each bad or missing variable',
    async (app) => {
      const service = new ServiceUnderTest(app, {
        PORT: 'eighty',
        LOG_LEVEL: 'chatty',
        REDIS_URL: 'http://127.0.0.1:6379',
        DATABASE_URL: '',
      });
      const status = await service.waitForExit();
      expect(status.code).toBe(1);
      expect(service.text).toContain(`continuum ${app} could not start: Invalid environment configuration:`);
      expect(service.text).toContain('  - PORT: ');
      expect(service.text).toContain('  - DATABASE_URL: is required');
      expect(service.text).toContain('  - REDIS_URL: must be a URL starting with redis:// or rediss://');
      expect(service.text).toContain('  - LOG_LEVEL: ');
    },
  );

  it('refuses a worker that would hold the migration lock with a single pooled connection', async () => {
    // This run's own database and Redis prefix: never the shared server's `postgres` database.
    const sandbox = await createSandbox('config');
    const service = new ServiceUnderTest('worker', { ...sandbox.env, DATABASE_POOL_SIZE: '1' });
    const status = await service.waitForExit();
    expect(status.code).toBe(1);
    expect(service.text).toContain('DATABASE_POOL_SIZE: ');
  });
});
