import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Raw } from 'typeorm';
import { insertRows } from '@continuum/database';
import { JobQueue } from './job-queue.service';
import { JOB_DEFINITIONS, type JobName, type JobOf } from './job-registry';
import { OutboxEntity } from './outbox.entity';

/** Rows re-driven per sweep; the next sweep takes the rest. */
const REDRIVE_BATCH = 500;

/** A job recorded in the outbox: what the relay needs to enqueue it. */
export type OwedJob = Pick<OutboxEntity, 'jobId' | 'jobName' | 'payload'>;

/** Rows each open transaction has added, relayed once it commits (see `OutboxRelay.transaction`). */
const owedByTransaction = new WeakMap<EntityManager, OwedJob[]>();

/**
 * Records a job in the caller's transaction. The job must have a stable id (see JOB_DEFINITIONS). A plain
 * function, so code without injection (history helpers, publishers) can owe jobs too; a transaction run by
 * `OutboxRelay.transaction` relays them after its commit, any other is left to the re-drive sweep.
 */
export async function addToOutbox<N extends JobName>(
  manager: EntityManager,
  name: N,
  payload: JobOf<N>,
): Promise<void> {
  await addManyToOutbox(manager, name, [payload]);
}

/** `addToOutbox` for several jobs of one kind, in one INSERT. */
export async function addManyToOutbox<N extends JobName>(
  manager: EntityManager,
  name: N,
  payloads: readonly JobOf<N>[],
): Promise<void> {
  if (payloads.length === 0) return;
  const rows = payloads.map((payload) => {
    const jobId = JOB_DEFINITIONS[name].jobId?.(payload);
    if (jobId === undefined) throw new Error(`job ${name} has no stable id, so it cannot go through the outbox`);
    const row: OwedJob = { jobId, jobName: name, payload: { ...payload } };
    return row;
  });
  await insertRows(manager, OutboxEntity, rows);
  const owed = owedByTransaction.get(manager);
  if (owed === undefined) owedByTransaction.set(manager, rows);
  else owed.push(...rows);
}

/**
 * The transactional outbox. A feature writes its state and adds the job in one `transaction`, which relays
 * the job after the commit (best effort: Redis may be down). The worker's re-drive sweep enqueues again whatever
 * is still owed, and the job handler `complete`s the row in the transaction that records the outcome.
 * Enqueueing is idempotent by job id, so a row may be relayed any number of times.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobQueue: JobQueue,
  ) {}

  /** Records the job in the caller's transaction (see `addToOutbox`). */
  add<N extends JobName>(manager: EntityManager, name: N, payload: JobOf<N>): Promise<void> {
    return addToOutbox(manager, name, payload);
  }

  /** Runs `work` in a transaction, then relays every job it added to the outbox. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let transactionManager: EntityManager | undefined;
    const result = await this.dataSource.transaction((manager) => {
      transactionManager = manager;
      return work(manager);
    });
    if (transactionManager !== undefined) {
      const owed = owedByTransaction.get(transactionManager) ?? [];
      owedByTransaction.delete(transactionManager);
      await this.relay(owed);
    }
    return result;
  }

  /**
   * After the commit: enqueue the rows now, one round trip to Redis per kind of job. A failure is only
   * logged; the re-drive sweep will retry. Nothing is written back: the worker deletes the row moments later,
   * and an UPDATE here would cost every request a round trip and wait on the worker's lock on the same row.
   */
  private async relay(rows: readonly OwedJob[]): Promise<void> {
    const byName = new Map<JobName, OwedJob[]>();
    for (const row of rows) {
      const sameName = byName.get(row.jobName);
      if (sameName === undefined) byName.set(row.jobName, [row]);
      else sameName.push(row);
    }
    for (const [name, owed] of byName) {
      try {
        // The payloads were typed when they were added (see `addManyToOutbox`).
        await this.jobQueue.enqueueMany(
          name,
          owed.map((row) => row.payload as unknown as JobOf<typeof name>),
        );
      } catch (error) {
        this.logger.warn(
          { jobIds: owed.map((row) => row.jobId), job: name, err: (error as Error).message },
          'could not enqueue yet; the outbox re-drive will',
        );
      }
    }
  }

  /**
   * Enqueues every row older than `olderThanMs` again: a no-op for jobs Redis still holds. The outbox is
   * bookkeeping stamped by the database (`created_at`, `enqueued_at`), so its age is measured on the
   * database's clock too.
   */
  async redrive(olderThanMs: number): Promise<number> {
    const rows = await this.dataSource.getRepository(OutboxEntity).find({
      where: {
        createdAt: Raw((column) => `${column} < now() - make_interval(secs => :olderThanSeconds)`, {
          olderThanSeconds: olderThanMs / 1000,
        }),
      },
      order: { createdAt: 'ASC' },
      take: REDRIVE_BATCH,
    });
    for (const row of rows) {
      // ensureEnqueued also revives a job that failed for good while its row is still owed.
      await this.jobQueue.ensureEnqueued(row.jobName, row.payload as unknown as JobOf<typeof row.jobName>);
      await this.dataSource.query(
        `UPDATE job_outbox SET redrive_count = redrive_count + 1, enqueued_at = coalesce(enqueued_at, now())
          WHERE job_id = $1`,
        [row.jobId],
      );
    }
    if (rows.length > 0) this.logger.log({ rows: rows.length }, 'outbox re-driven');
    return rows.length;
  }

  /** The job's outcome is recorded: nothing is owed any more. Call it in the transaction that records it. */
  async complete(manager: EntityManager, jobId: string): Promise<void> {
    await manager.getRepository(OutboxEntity).delete({ jobId });
  }
}
