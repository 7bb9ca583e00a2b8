/**
 * Every queue and job Continuum has, with one typed payload per job. Payloads carry ids and a correlation
 * id, never entities and never PHI: Redis holds them in clear text. Handlers re-load state from PostgreSQL.
 */
export enum QueueName {
  System = 'system',
}

export enum JobName {
  /** Repeatable: records that a worker is alive and taking jobs (readiness reports its age). */
  SystemHeartbeat = 'system.heartbeat',
  /** Sent by the API on demand: proves the path API → Redis → worker → answer works end to end. */
  SystemQueueProbe = 'system.queue-probe',
}

interface JobPayloadBase {
  /** The request id (or scheduler id) that caused the job, carried into the worker's log lines. */
  correlationId: string;
}

export type SystemHeartbeatJob = JobPayloadBase;

export interface SystemQueueProbeJob extends JobPayloadBase {
  probeId: string;
  /** ISO instant the API enqueued the probe. */
  sentAt: string;
}

export type JobItem =
  | { name: JobName.SystemHeartbeat; payload: SystemHeartbeatJob }
  | { name: JobName.SystemQueueProbe; payload: SystemQueueProbeJob };

/** `JobOf<JobName.SystemQueueProbe>` is that job's payload type. */
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>['payload'];

export interface SystemQueueProbeResult {
  probeId: string;
  workerId: string;
  receivedAt: string;
}

/** What each job's handler returns (stored by BullMQ as the job's return value). */
export interface JobResults {
  [JobName.SystemHeartbeat]: void;
  [JobName.SystemQueueProbe]: SystemQueueProbeResult;
}

export type JobResultOf<N extends JobName> = JobResults[N];

export interface JobDefinition<N extends JobName = JobName> {
  queue: QueueName;
  /** Total tries, the first included. */
  attempts: number;
  /** First retry delay; later ones double, with jitter. */
  backoffMs: number;
  /** A stable id derived from the payload makes a duplicate enqueue a no-op while the job exists. */
  jobId?: (payload: JobOf<N>) => string;
  /** Seconds a finished job stays in Redis (for inspection and for `waitForResult`). */
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
}

type JobDefinitions = { [N in JobName]: JobDefinition<N> };

export const JOB_DEFINITIONS: JobDefinitions = {
  [JobName.SystemHeartbeat]: {
    queue: QueueName.System,
    // A missed beat is not retried: the next one is due within the interval anyway.
    attempts: 1,
    backoffMs: 1_000,
    keepCompletedSeconds: 60 * 60,
    keepFailedSeconds: 24 * 60 * 60,
  },
  [JobName.SystemQueueProbe]: {
    queue: QueueName.System,
    attempts: 1,
    backoffMs: 1_000,
    jobId: (payload) => `probe-${payload.probeId}`,
    keepCompletedSeconds: 60 * 60,
    keepFailedSeconds: 24 * 60 * 60,
  },
};

export const ALL_JOB_NAMES = Object.values(JobName);
