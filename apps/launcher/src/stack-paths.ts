import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest directory above this file that holds the project's package.json. */
function findProjectRoot(from: string): string {
  for (let current = from; current !== dirname(current); current = dirname(current)) {
    if (existsSync(join(current, 'package.json')) && existsSync(join(current, 'nest-cli.json'))) return current;
  }
  throw new Error(`cannot find the project root above ${from}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** Compiled entry point of an app (`nest build --all` output). */
export const entryPointOf = (app: 'api' | 'worker' | 'payer-sim'): string =>
  join(PROJECT_ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
