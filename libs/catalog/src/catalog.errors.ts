import { AppError } from '@continuum/common';
import type { CatalogProblem } from '@continuum/domain';

export enum CatalogErrorCode {
  /** Well-formed input that breaks a catalog rule (bands with a gap, an IOP price outside its band, …): 422. */
  RuleViolated = 'catalog_rule_violated',
}

export class CatalogError extends AppError<CatalogErrorCode> {
  readonly code = CatalogErrorCode.RuleViolated;

  constructor(problems: CatalogProblem[]) {
    super(
      `The catalog change breaks ${problems.length === 1 ? 'a rule' : `${problems.length} rules`}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      {
        fields: groupByField(problems),
      },
    );
  }

  /** Throws when there is anything to report. */
  static throwIfAny(problems: CatalogProblem[]): void {
    if (problems.length > 0) throw new CatalogError(problems);
  }
}

/** The same shape as a validation failure's `details.fields`, so clients read both alike. */
function groupByField(problems: CatalogProblem[]): { field: string; messages: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const { field, message } of problems) byField.set(field, [...(byField.get(field) ?? []), message]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}
