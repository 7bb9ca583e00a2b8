/**
 * One thing wrong with a piece of catalog data, reported instead of thrown so that an administrator sees
 * every problem at once. `field` is a dotted path from the validated object, e.g. `bands[2].maxPercent`.
 */
export interface CatalogProblem {
  field: string;
  message: string;
}

/** The same problems with their fields moved under `prefix` (`regions.alaska` → `povertyGuidelines[1].regions.alaska`). */
export function prefixProblems(prefix: string, problems: readonly CatalogProblem[]): CatalogProblem[] {
  return problems.map(({ field, message }) => ({
    field: field === '' ? prefix : field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`,
    message,
  }));
}
