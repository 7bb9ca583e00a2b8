import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStats } from './load';
import type { MemoryReport } from './rss';

export const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One scenario: its measured rounds, each paired with the baseline run just before it. */
export interface ScenarioResult {
  key: string;
  title: string;
  baseline: 'A' | 'B';
  /** Baseline throughput of each round (req/s for A, jobs/s for B). */
  baselineRuns: number[];
  runs: RunStats[];
  /** Scenario throughput ÷ baseline throughput, per round. */
  ratios: number[];
  target: string;
  /** Evaluated after all rounds; null when there is no target. */
  met: boolean | null;
  notes: string[];
}

export interface ScenarioSummary {
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  unexpectedStatus: number;
  ratio: { median: number; min: number; max: number };
  baselineMedian: number;
}

export function summarize(result: ScenarioResult): ScenarioSummary {
  const sum = (pick: (run: RunStats) => number): number => result.runs.reduce((total, run) => total + pick(run), 0);
  return {
    requestsPerSecond: median(result.runs.map((r) => r.requestsPerSecond)),
    p50: median(result.runs.map((r) => r.p50)),
    p97_5: median(result.runs.map((r) => r.p97_5)),
    p99: median(result.runs.map((r) => r.p99)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    unexpectedStatus: sum((r) => r.unexpectedStatus),
    ratio: { median: median(result.ratios), min: Math.min(...result.ratios), max: Math.max(...result.ratios) },
    baselineMedian: median(result.baselineRuns),
  };
}

export const failed = (summary: ScenarioSummary): boolean =>
  summary.errors > 0 || summary.non2xx > 0 || summary.unexpectedStatus > 0;

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** The table: one line per scenario, then the notes. */
export function renderTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'base',
    'req/s (med)',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'err',
    'non2xx',
    'ratio med (min–max)',
    'target',
    'met?',
  ];
  const rows = results.map((result) => {
    const s = summarize(result);
    return [
      result.title,
      `${result.baseline} ${fixed(s.baselineMedian, 0)}`,
      fixed(s.requestsPerSecond, 0),
      fixed(s.p50, 1),
      fixed(s.p97_5, 1),
      fixed(s.p99, 1),
      String(s.errors),
      String(s.non2xx + s.unexpectedStatus),
      `${fixed(s.ratio.median, 2)} (${fixed(s.ratio.min, 2)}–${fixed(s.ratio.max, 2)})`,
      result.target,
      result.met === null ? '' : result.met ? 'yes' : 'NO',
    ];
  });
  const notes = results.flatMap((result) => result.notes.map((note) => `  - ${result.title}: ${note}`));
  return [renderColumns(header, rows), '', ...notes].join('\n');
}

/** Columns of the CPU table: the processes CpuMeter measures, in the order a request meets them. */
const CPU_COLUMNS: [key: string, title: string][] = [
  ['loadGenerator', 'load gen'],
  ['api', 'api'],
  ['postgres', 'postgres'],
  ['redis', 'redis'],
  ['worker', 'worker'],
  ['payerSim', 'payer sim'],
  ['machine', 'machine'],
];

/**
 * Where each request's CPU goes: median milliseconds per request by process over the measured rounds, the cores
 * busy during the runs, and the throughput the machine's cores would allow at that CPU cost if nothing else
 * limited it (`cores × 1000 ÷ machine ms per request`).
 */
export function renderCpuTable(results: ScenarioResult[], cores: number): string {
  const header = ['CPU ms per request', ...CPU_COLUMNS.map(([, title]) => title), 'cores busy', 'CPU ceiling req/s'];
  const rows = results
    .filter((result) => result.runs.some((run) => run.cpu !== undefined))
    .map((result) => {
      const medianOf = (key: string): number =>
        median(result.runs.flatMap((run) => (run.cpu?.[key] === undefined ? [] : [run.cpu[key]])));
      const machine = medianOf('machine');
      return [
        result.title,
        ...CPU_COLUMNS.map(([key]) => fixed(medianOf(key), 2)),
        fixed(medianOf('cores'), 2),
        fixed((cores * 1000) / machine, 0),
      ];
    });
  return renderColumns(header, rows);
}

function renderColumns(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeReport(
  directory: string,
  report: { results: ScenarioResult[]; memory: MemoryReport; [key: string]: unknown },
): string {
  mkdirSync(directory, { recursive: true });
  const body = {
    ...report,
    results: report.results.map((result) => ({ ...result, summary: summarize(result) })),
  };
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const file = join(directory, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  writeFileSync(join(directory, 'latest.json'), text);
  return file;
}
