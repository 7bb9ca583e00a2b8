import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who this worker process is, as written in heartbeats and probe answers. */
export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
}

export const WORKER_IDENTITY = Symbol('WORKER_IDENTITY');

export function createWorkerIdentity(): WorkerIdentity {
  const host = hostname();
  // The random part tells apart two processes that reuse a pid in different containers of one host name.
  return {
    workerId: `${host}/${process.pid}/${randomBytes(3).toString('hex')}`,
    hostname: host,
    pid: process.pid,
    startedAt: new Date(),
  };
}
