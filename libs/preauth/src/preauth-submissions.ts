import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertRows } from '@continuum/database';
import { addManyToOutbox, addToOutbox, JobName, type JobOf } from '@continuum/queue';
import type { PreauthRequestEntity } from './entities/preauth-request.entity';
import { PreauthSubmissionEntity } from './entities/preauth-submission.entity';
import { newTraceNumber } from './trace-number';

export type SubmissionPeriod = Pick<PreauthSubmissionEntity, 'periodStart' | 'periodEnd' | 'requestedUnits'>;

/**
 * A new question for the payer (initial request, extension or cancellation) with a fresh trace number, and
 * the outbox row that gets it sent, in the caller's transaction (run it with `OutboxRelay.transaction`).
 */
export async function queueSubmission(
  manager: EntityManager,
  request: Pick<PreauthRequestEntity, 'id'>,
  kind: PreauthSubmissionEntity['kind'],
  period: SubmissionPeriod,
  correlationId: string,
  traceNumber = newTraceNumber(),
): Promise<PreauthSubmissionEntity> {
  const [submission] = await queueSubmissions(manager, [{ request, kind, period, correlationId, traceNumber }]);
  return submission;
}

/** `queueSubmission` for several requests, in one INSERT per table. */
export async function queueSubmissions(
  manager: EntityManager,
  entries: readonly {
    request: Pick<PreauthRequestEntity, 'id'>;
    kind: PreauthSubmissionEntity['kind'];
    period: SubmissionPeriod;
    correlationId: string;
    traceNumber: string;
  }[],
): Promise<PreauthSubmissionEntity[]> {
  if (entries.length === 0) return [];
  const queued = entries.map(({ request, kind, period, traceNumber, correlationId }) => ({
    correlationId,
    submission: Object.assign(new PreauthSubmissionEntity(), {
      id: randomUUID(),
      preauthId: request.id,
      kind,
      traceNumber,
      state: 'pending',
      requestedUnits: period.requestedUnits,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      round: 1,
      attempts: 0,
    }),
  }));
  await insertRows(
    manager,
    PreauthSubmissionEntity,
    queued.map(({ submission }) => submission),
  );
  await addManyToOutbox(
    manager,
    JobName.PreauthSubmit,
    queued.map(({ submission, correlationId }) => submissionJob(submission, correlationId)),
  );
  return queued.map(({ submission }) => submission);
}

/** The outbox row for the submission's current round (a staff retry bumps the round first). */
export async function requeueSubmission(
  manager: EntityManager,
  submission: Pick<PreauthSubmissionEntity, 'id' | 'preauthId' | 'round'>,
  correlationId: string,
): Promise<void> {
  await addToOutbox(manager, JobName.PreauthSubmit, submissionJob(submission, correlationId));
}

const submissionJob = (
  submission: Pick<PreauthSubmissionEntity, 'id' | 'preauthId' | 'round'>,
  correlationId: string,
): JobOf<JobName.PreauthSubmit> => ({
  preauthId: submission.preauthId,
  submissionId: submission.id,
  round: submission.round,
  correlationId,
});
