import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of the summary table: what a drill sent and what went wrong. */
export interface DrillResult {
  drill: string;
  /** Requests the drill sent to the API (or callbacks, for the callback drill). */
  requests: number;
  /** Accepted work that never reached the payer or never got decided. */
  lost: number;
  /** Work done more than once: a second request at the payer, a second decision or payer event row. */
  duplicated: number;
  /** Answers with a 5xx status the drill did not expect (a 503 while a dependency is down is expected). */
  serverErrors: number;
  /** Milliseconds from the fault being removed to the first healthy answer or progress; null when not applicable. */
  recoveryMs: number | null;
  notes?: string;
}

export const RESULTS_DIR = join(__dirname, '..', '..', 'artifacts', 'reliability');

/** One file per run (global setup's run id), so parallel or earlier runs never mix rows. */
export function resultsFile(runId = process.env.CONTINUUM_TEST_RUN_ID ?? 'local'): string {
  return join(RESULTS_DIR, `results-${runId}.jsonl`);
}

/** Appends a drill's row; called before the drill's assertions, so a failing drill still shows its numbers. */
export function recordDrill(result: DrillResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(resultsFile(), `${JSON.stringify(result)}\n`);
}

export function readDrillResults(runId?: string): DrillResult[] {
  const file = resultsFile(runId);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DrillResult);
}

/** The summary table, in plain text with aligned columns. */
export function formatSummary(results: DrillResult[]): string {
  const header = ['drill', 'requests', 'lost', 'duplicated', '5xx', 'recovery', 'notes'];
  const rows = results.map((r) => [
    r.drill,
    String(r.requests),
    String(r.lost),
    String(r.duplicated),
    String(r.serverErrors),
    r.recoveryMs === null ? '-' : `${r.recoveryMs} ms`,
    r.notes ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === 0 || i === header.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
