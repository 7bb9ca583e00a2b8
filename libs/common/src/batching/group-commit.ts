export interface GroupCommitOptions {
  /** The most items one `write` gets; the rest wait for the next. */
  maxBatch: number;
  /** How many `write`s may run at once (each holds a database connection while it runs). */
  maxConcurrent: number;
  /**
   * How long an item may wait for a write to take it. Past that it is refused with `tooLong()`, never written
   * later: while the database is slow, callers get an answer in bounded time and the queue cannot grow.
   */
  maxWaitMs: number;
  tooLong: () => Error;
}

/** What `write` answers for each item, in the order it got them: a result, or the error for that item alone. */
export type GroupCommitOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Group commit: callers hand in one item each, and the items that arrive while earlier writes are still
 * running are written together by the next `write` (one transaction and a few multi-row statements, instead
 * of one of each per item). Nothing waits on a timer: an item that finds a free slot is written at once, so
 * a lone request pays no extra latency, and batches grow only as fast as the load does.
 *
 * (DataLoader batches the calls made in one tick; requests arrive on separate ticks, so it would write them
 * one by one.)
 */
export class GroupCommit<I, R> {
  private readonly waiting: Waiting<I, R>[] = [];
  private running = 0;

  constructor(
    private readonly write: (items: readonly I[]) => Promise<GroupCommitOutcome<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting: Waiting<I, R> = {
        item,
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiting);
          if (index < 0) return;
          this.waiting.splice(index, 1);
          reject(this.options.tooLong());
        }, this.options.maxWaitMs),
      };
      this.waiting.push(waiting);
      this.startWrites();
    });
  }

  private startWrites(): void {
    while (this.running < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      for (const { timer } of batch) clearTimeout(timer);
      this.running += 1;
      void this.writeBatch(batch).finally(() => {
        this.running -= 1;
        this.startWrites();
      });
    }
  }

  private async writeBatch(batch: readonly Waiting<I, R>[]): Promise<void> {
    let outcomes: GroupCommitOutcome<R>[];
    try {
      outcomes = await this.write(batch.map(({ item }) => item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) waiting.reject(new Error(`group commit: write answered no outcome for item ${index}`));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
