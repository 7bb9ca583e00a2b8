/** @jest-config-loader ts-node */
import type { Config } from 'jest';
import base from './jest.config';

/**
 * `npm run test:reliability`: drills against the real compiled processes, PostgreSQL and Redis, with the
 * e2e project's setup (template database, sandboxes, key prefix). Its teardown prints the summary table.
 */
const e2e = base.projects?.find(
  (project): project is Exclude<typeof project, string> => typeof project !== 'string' && project.displayName === 'e2e',
);
if (e2e === undefined) throw new Error('jest.config.ts has no e2e project to reuse');

const config: Config = {
  testTimeout: 120_000,
  projects: [
    {
      ...e2e,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.drill-spec.ts'],
      globalTeardown: '<rootDir>/test/reliability/support/global-teardown.ts',
    },
  ],
};

export default config;
