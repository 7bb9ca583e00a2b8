// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'libs/database/src/migrations/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Nest's decorators and DTO classes make empty classes and extraneous classes normal.
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@continuum/*/*'], message: 'Import a library through its index (@continuum/<lib>).' },
            { group: ['**/apps/**', '../../apps/*'], message: 'Libraries never import apps.' },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no I/O, so its rules are trivial to test and reuse anywhere.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg', 'node:fs', 'node:net', 'node:http'],
              message: 'libs/domain is pure: no framework and no I/O.',
            },
            { group: ['@continuum/*'], message: 'libs/domain depends on nothing else in the repository.' },
          ],
        },
      ],
    },
  },
  {
    // The estimator page runs in browsers: its tsconfig carries Node's types only for its specs.
    files: ['apps/estimator/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'apps/estimator runs in browsers: no Node modules.' }] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'global'],
    },
  },
  {
    // Tests drive the compiled apps and reach into libraries' files on purpose.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Helpers hand supertest's untyped bodies on to the assertions.
      '@typescript-eslint/no-unsafe-return': 'off',
      // Response bodies (supertest) are untyped JSON; tests assert on their exact values instead.
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'jest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Small Node scripts for CI and tooling.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'readonly',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  prettier,
);
