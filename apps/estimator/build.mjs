// Builds the admissions estimator (browser code) into dist/apps/api/estimator, where the API serves it from
// (apps/api/src/estimate-page). Run by `npm run build` after `nest build`.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'dist', 'apps', 'api', 'estimator');

await mkdir(outDir, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile: join(outDir, 'estimator.js'),
  tsconfig: join(here, 'tsconfig.json'),
  bundle: true,
  // A classic script (not a module), so document.currentScript tells it where it was loaded from.
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await Promise.all(
  ['index.html', 'estimator.css'].map((name) => copyFile(join(here, 'public', name), join(outDir, name))),
);
