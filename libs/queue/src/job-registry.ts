/**
 * Every queue and job Continuum has, with one typed payload per job. Payloads carry ids and a correlation
 * id, never entities and never PHI: Redis holds them in clear text. Handlers re-load state from PostgreSQL.
 */
export enum QueueName {
  System = 'system',
  /** Talking to payers: submissions (and, later, payer events). Kept apart so a slow payer never delays sweeps. */
  Preauth = 'preauth',
  /** Outbound webhook deliveries: a slow or dead subscriber never delays payer work. */
  Webhooks = 'webhooks',
}

export enum JobName {
  /** Repeatable: records that a worker is alive and taking jobs (readiness reports its age). */
  SystemHeartbeat = 'system.heartbeat',
  /** Sent by the API on demand: proves the path API → Redis → worker → answer works end to end. */
  SystemQueueProbe = 'system.queue-probe',
  /** Repeatable: enqueues again what the outbox still holds (after a Redis flush, or a failed relay). */
  OutboxRedrive = 'outbox.redrive',
  /** Sends one pre-auth submission (initial, extension or cancellation) to its payer. */
  PreauthSubmit = 'preauth.submit',
  /** Repeatable: overdue decisions, expired authorizations, concurrent-review flags. */
  PreauthSweep = 'preauth.sweep',
  /** Applies one stored payer callback (a decision, pend or cancellation) to its request. */
  PayerEvent = 'payer.event',
  /** Delivers one outbound webhook event to one subscriber. */
  WebhookDeliver = 'webhook.deliver',
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

export type OutboxRedriveJob = JobPayloadBase;
export type PreauthSweepJob = JobPayloadBase;

export interface PreauthSubmitJob extends JobPayloadBase {
  preauthId: string;
  submissionId: string;
  /** Which staff retry this is (1 for the first delivery): a retry is a new job, not a re-run of a finished one. */
  round: number;
}

export interface PayerEventJob extends JobPayloadBase {
  eventId: string;
}

export interface WebhookDeliverJob extends JobPayloadBase {
  deliveryId: string;
  /** 1 for the first delivery; a replay is a new round (a new job), not a re-run of a finished one. */
  round: number;
}

export type JobItem =
  | { name: JobName.SystemHeartbeat; payload: SystemHeartbeatJob }
  | { name: JobName.SystemQueueProbe; payload: SystemQueueProbeJob }
  | { name: JobName.OutboxRedrive; payload: OutboxRedriveJob }
  | { name: JobName.PreauthSubmit; payload: PreauthSubmitJob }
  | { name: JobName.PreauthSweep; payload: PreauthSweepJob }
  | { name: JobName.PayerEvent; payload: PayerEventJob }
  | { name: JobName.WebhookDeliver; payload: WebhookDeliverJob };

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
  [JobName.OutboxRedrive]: void;
  [JobName.PreauthSubmit]: void;
  [JobName.PreauthSweep]: void;
  [JobName.PayerEvent]: void;
  [JobName.WebhookDeliver]: void;
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
  [JobName.OutboxRedrive]: {
    queue: QueueName.System,
    attempts: 1,
    backoffMs: 1_000,
    keepCompletedSeconds: 10 * 60,
    keepFailedSeconds: 24 * 60 * 60,
  },
  [JobName.PreauthSubmit]: {
    queue: QueueName.Preauth,
    // Defaults; PREAUTH_SUBMIT_ATTEMPTS and PREAUTH_SUBMIT_BACKOFF_MS override them (see JobQueue).
    attempts: 8,
    backoffMs: 5_000,
    jobId: (payload) => `preauth-submit-${payload.submissionId}-r${payload.round}`,
    keepCompletedSeconds: 60 * 60,
    keepFailedSeconds: 7 * 24 * 60 * 60,
  },
  [JobName.PreauthSweep]: {
    queue: QueueName.System,
    attempts: 1,
    backoffMs: 1_000,
    keepCompletedSeconds: 10 * 60,
    keepFailedSeconds: 24 * 60 * 60,
  },
  [JobName.PayerEvent]: {
    queue: QueueName.Preauth,
    // Retried while its request is still being sent (the callback outran our own record of the send).
    attempts: 10,
    backoffMs: 1_000,
    jobId: (payload) => `payer-event-${payload.eventId}`,
    keepCompletedSeconds: 60 * 60,
    keepFailedSeconds: 7 * 24 * 60 * 60,
  },
  [JobName.WebhookDeliver]: {
    queue: QueueName.Webhooks,
    // Defaults; WEBHOOK_DELIVERY_ATTEMPTS and WEBHOOK_DELIVERY_BACKOFF_MS override them. 14 tries from
    // 10 s doubling span about 23 hours.
    attempts: 14,
    backoffMs: 10_000,
    jobId: (payload) => `webhook-deliver-${payload.deliveryId}-r${payload.round}`,
    keepCompletedSeconds: 60 * 60,
    keepFailedSeconds: 7 * 24 * 60 * 60,
  },
};

export const ALL_JOB_NAMES = Object.values(JobName);
