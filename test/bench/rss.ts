import { readFileSync } from 'node:fs';

/** Peak resident memory per process, overall and per phase of the bench, in MiB. */
export interface MemoryReport {
  [process: string]: { peakRssMiB: number; vmHwmMiB: number | null; byPhase: Record<string, number> };
}

const kibFrom = (status: string, field: string): number | null => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match === null ? null : Number(match[1]);
};

const mib = (kib: number): number => Math.round((kib / 1024) * 10) / 10;

/**
 * Samples VmRSS of the API and worker from /proc every `intervalMs` (cheap: one small file read each), keeping
 * the peak per phase; VmHWM, the kernel's own high-water mark, is read too as a check on the sampling.
 */
export class RssSampler {
  private phase = 'start';
  private readonly peaks = new Map<string, Map<string, number>>();
  private readonly hwm = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: Record<string, number>) {}

  start(intervalMs = 250): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  stop(): MemoryReport {
    this.sample();
    if (this.timer !== undefined) clearInterval(this.timer);
    const report: MemoryReport = {};
    for (const name of Object.keys(this.pids)) {
      const byPhase: Record<string, number> = {};
      let peak = 0;
      for (const [phase, kib] of this.peaks.get(name) ?? []) {
        byPhase[phase] = mib(kib);
        peak = Math.max(peak, kib);
      }
      const hwm = this.hwm.get(name);
      report[name] = { peakRssMiB: mib(peak), vmHwmMiB: hwm === undefined ? null : mib(hwm), byPhase };
    }
    return report;
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue; // exited, or not Linux
      }
      const rss = kibFrom(status, 'VmRSS');
      const hwm = kibFrom(status, 'VmHWM');
      if (hwm !== null) this.hwm.set(name, hwm);
      if (rss === null) continue;
      const phases = this.peaks.get(name) ?? new Map<string, number>();
      phases.set(this.phase, Math.max(phases.get(this.phase) ?? 0, rss));
      this.peaks.set(name, phases);
    }
  }
}
