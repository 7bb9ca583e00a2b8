import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by each process of the stack during one measured run, from /proc (Linux): the API, the
 * worker, the sandbox payer, the PostgreSQL backends serving the bench database, Redis, and this process (the
 * load generator), plus the machine's busy time. Divided by the requests completed, it says where each request's
 * CPU goes, and the sum says how many requests the machine's cores could serve at best.
 */
export type CpuShare = Record<string, number>;

/** Clock ticks per second of /proc times (`getconf CLK_TCK`: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;
const MS_PER_TICK = 1000 / TICKS_PER_SECOND;

interface CpuSnapshot {
  ticks: Map<string, number>;
  /** Each backend of the bench database, by pid. */
  backends: Map<number, number>;
  /** What the postmaster holds of its exited children (backends that closed keep their CPU there). */
  postmasterChildrenTicks: number;
  machineBusyTicks: number;
  loadGeneratorMicros: number;
}

export class CpuMeter {
  constructor(
    private readonly pids: Record<string, number>,
    private readonly databaseName: string,
  ) {}

  snapshot(): CpuSnapshot {
    const ticks = new Map<string, number>();
    for (const [name, pid] of Object.entries(this.pids)) ticks.set(name, processTicks(pid)?.own ?? 0);
    const backends = new Map<number, number>();
    let postmasterChildrenTicks = 0;
    let redis = 0;
    for (const pid of numericEntries('/proc')) {
      const title = commandLine(pid);
      // A backend's title is "postgres: [<cluster>: ]<user> <database> <client> <state>".
      if (title.startsWith('postgres: ') && title.split(' ').includes(this.databaseName)) {
        backends.set(pid, processTicks(pid)?.own ?? 0);
      } else if (/^\S*postgres -D /.test(title)) {
        postmasterChildrenTicks = processTicks(pid)?.children ?? 0;
      } else if (title.startsWith('redis-server')) {
        redis += processTicks(pid)?.own ?? 0;
      }
    }
    ticks.set('redis', redis);
    const usage = process.cpuUsage();
    return {
      ticks,
      backends,
      postmasterChildrenTicks,
      machineBusyTicks: machineBusyTicks(),
      loadGeneratorMicros: usage.user + usage.system,
    };
  }

  /**
   * The backends' CPU between two snapshots. Pools close idle connections, so a backend may exit meanwhile:
   * its final total then shows in the postmaster's children time, less what it had spent before. (Backends of
   * other databases that exit during a run would count too; nothing else should run during a bench.)
   */
  private static postgresTicks(before: CpuSnapshot, after: CpuSnapshot): number {
    let ticks = after.postmasterChildrenTicks - before.postmasterChildrenTicks;
    for (const [pid, now] of after.backends) ticks += now - (before.backends.get(pid) ?? 0);
    for (const [pid, then] of before.backends) if (!after.backends.has(pid)) ticks -= then;
    return ticks;
  }

  /**
   * Milliseconds of CPU per completed request since `before`, by process, with `machine` (all cores' busy time)
   * and `cores` (the machine's busy time over the elapsed time: 2.0 is both cores flat out).
   */
  since(before: CpuSnapshot, completed: number, elapsedMs: number): CpuShare {
    const after = this.snapshot();
    const perRequest = (ms: number): number => (completed > 0 ? ms / completed : Number.NaN);
    const share: CpuShare = {};
    for (const [name, ticks] of after.ticks) {
      share[name] = perRequest((ticks - (before.ticks.get(name) ?? 0)) * MS_PER_TICK);
    }
    share.postgres = perRequest(CpuMeter.postgresTicks(before, after) * MS_PER_TICK);
    share.loadGenerator = perRequest((after.loadGeneratorMicros - before.loadGeneratorMicros) / 1000);
    const machineMs = (after.machineBusyTicks - before.machineBusyTicks) * MS_PER_TICK;
    share.machine = perRequest(machineMs);
    share.cores = elapsedMs > 0 ? machineMs / elapsedMs : Number.NaN;
    return share;
  }
}

/** utime + stime of a process, and of its exited children it has waited for, in ticks; null once it has exited. */
function processTicks(pid: number): { own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function machineBusyTicks(): number {
  const [cpuLine] = readFileSync('/proc/stat', 'utf8').split('\n');
  // "cpu user nice system idle iowait irq softirq steal …": everything but idle and iowait is busy.
  const [user, nice, system, , , irq, softirq, steal] = cpuLine.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + (steal ?? 0);
}

function numericEntries(directory: string): number[] {
  try {
    return readdirSync(directory)
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}
