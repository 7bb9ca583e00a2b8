import type { Config } from 'jest';

const moduleNameMapper = {
  '^@continuum/(access|audit|catalog|common|config|database|domain|estimates|good-faith-estimates|outbound|payer-gateway|preauth|queue|system|webhooks|x12)$':
    '<rootDir>/libs/$1/src',
  '^@continuum/outbound/testing$': '<rootDir>/libs/outbound/src/testing',
};

const transform: Config['transform'] = {
  // tsconfig's isolatedModules makes ts-jest transpile only: type checking is `npm run typecheck`'s job.
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

/**
 * NestJS 12 ships ES modules, which Node 20 loads through require(esm) but Jest's module system only on
 * Node ≥ 24.9. So no test loads Nest inside Jest: unit tests cover Nest-free code, and end-to-end tests drive
 * the compiled API, worker and launcher as real processes (`npm test` builds them first).
 */
const shared = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

const config: Config = {
  // End-to-end tests start real processes (the launcher even initialises a PostgreSQL cluster).
  testTimeout: 120_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/setup-env.ts'],
    },
  ],
};

export default config;
