import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where `npm run build` puts the admissions estimator (apps/estimator, bundled by esbuild): beside the API's
 * compiled code, in dist/apps/api/estimator, so whatever ships the API (the Docker image copies
 * dist/apps/api) ships the page too. This file runs from dist/apps/api/apps/api/src/estimate-page.
 */
export const ESTIMATOR_BUILD_DIR = join(__dirname, '..', '..', '..', '..', 'estimator');

export interface EstimatePageAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** The files the page is made of; nothing else is served under /estimate. */
export const ESTIMATE_PAGE_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'estimator.js': 'text/javascript; charset=utf-8',
  'estimator.css': 'text/css; charset=utf-8',
} as const;

export type EstimatePageFile = keyof typeof ESTIMATE_PAGE_FILES;

export const isEstimatePageFile = (name: string): name is EstimatePageFile => Object.hasOwn(ESTIMATE_PAGE_FILES, name);

/** Reads the built page once; undefined when it was never built (the routes then answer 503 and say why). */
export function loadEstimatePageAssets(
  directory = ESTIMATOR_BUILD_DIR,
): Map<EstimatePageFile, EstimatePageAsset> | undefined {
  const names = Object.keys(ESTIMATE_PAGE_FILES) as EstimatePageFile[];
  if (!names.every((name) => existsSync(join(directory, name)))) return undefined;
  return new Map(
    names.map((name) => {
      const body = readFileSync(join(directory, name));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      return [name, { body, contentType: ESTIMATE_PAGE_FILES[name], etag }];
    }),
  );
}
