import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { PovertyGuidelineTable } from '@continuum/domain';
import type { CatalogDocument } from './catalog.types';

const CATALOG_FILE = 'demo-catalog.yaml';
const POVERTY_FILE = 'poverty-guidelines.yaml';

/** The repository's `config/` directory, found upward from this file (it sits at different depths in `dist/`). */
export function findConfigDirectory(from: string = __dirname): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'config');
    if (existsSync(join(candidate, CATALOG_FILE))) return candidate;
    if (dirname(directory) === directory) throw new Error(`no config/${CATALOG_FILE} above ${from}`);
  }
}

/**
 * The demo catalog (`config/demo-catalog.yaml`) with the poverty guidelines (`config/poverty-guidelines.yaml`),
 * as one catalog document. It is not validated here: it goes through the same import as `PUT /v1/catalog`.
 */
export function readDemoCatalog(configDirectory: string = findConfigDirectory()): CatalogDocument {
  const catalog = parse(readFileSync(join(configDirectory, CATALOG_FILE), 'utf8')) as Omit<
    CatalogDocument,
    'povertyGuidelines'
  >;
  const povertyGuidelines = parse(readFileSync(join(configDirectory, POVERTY_FILE), 'utf8')) as PovertyGuidelineTable[];
  return { ...catalog, povertyGuidelines };
}
