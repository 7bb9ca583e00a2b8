import { GroupCommit, type GroupCommitOutcome } from './group-commit';

/** A write that records each batch it got and finishes only when the test says so. */
class ControlledWrite {
  readonly batches: number[][] = [];
  private readonly finishers: (() => void)[] = [];

  readonly write = (items: readonly number[]): Promise<GroupCommitOutcome<string>[]> => {
    this.batches.push([...items]);
    return new Promise((resolve) => {
      this.finishers.push(() =>
        resolve(
          items.map((item) =>
            item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: `#${item}` },
          ),
        ),
      );
    });
  };

  /** Finishes the oldest running write and lets its callers and the next write run. */
  async finishNext(): Promise<void> {
    this.finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const OPTIONS = { maxWaitMs: 60_000, tooLong: () => new Error('waited too long') };

describe('GroupCommit', () => {
  it('writes a lone item at once, then gathers what arrives meanwhile into the next write', async () => {
    const write = new ControlledWrite();
    const group = new GroupCommit(write.write, { ...OPTIONS, maxBatch: 10, maxConcurrent: 1 });
    const first = group.submit(1);
    expect(write.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => group.submit(item));
    expect(write.batches).toEqual([[1]]);
    await write.finishNext();
    await expect(first).resolves.toBe('#1');
    expect(write.batches).toEqual([[1], [2, 3, 4]]);
    await write.finishNext();
    await expect(Promise.all(later)).resolves.toEqual(['#2', '#3', '#4']);
  });

  it('never gives one write more than maxBatch items, and runs up to maxConcurrent writes at once', async () => {
    const write = new ControlledWrite();
    const group = new GroupCommit(write.write, { ...OPTIONS, maxBatch: 2, maxConcurrent: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((item) => group.submit(item));
    expect(write.batches).toEqual([[1], [2]]);
    await write.finishNext();
    expect(write.batches).toEqual([[1], [2], [3, 4]]);
    for (let step = 0; step < 4; step += 1) await write.finishNext();
    await expect(Promise.all(all)).resolves.toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
    expect(write.batches).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
  });

  it('fails only the items whose outcome is an error, and every item when the write itself throws', async () => {
    const write = new ControlledWrite();
    const group = new GroupCommit(write.write, { ...OPTIONS, maxBatch: 10, maxConcurrent: 1 });
    const outcomes = Promise.allSettled([group.submit(0), group.submit(5), group.submit(-5)]);
    await write.finishNext();
    await write.finishNext();
    expect(await outcomes).toEqual([
      { status: 'fulfilled', value: '#0' },
      { status: 'fulfilled', value: '#5' },
      { status: 'rejected', reason: new Error('bad -5') },
    ]);

    const broken = new GroupCommit<number, string>(() => Promise.reject(new Error('connection lost')), {
      ...OPTIONS,
      maxBatch: 10,
      maxConcurrent: 1,
    });
    await expect(Promise.all([broken.submit(1), broken.submit(2)])).rejects.toThrow('connection lost');
    await expect(broken.submit(3)).rejects.toThrow('connection lost');
  });

  it('rejects an item the write answered no outcome for, instead of leaving it waiting', async () => {
    const group = new GroupCommit<number, string>(() => Promise.resolve([]), {
      ...OPTIONS,
      maxBatch: 10,
      maxConcurrent: 1,
    });
    await expect(group.submit(1)).rejects.toThrow('no outcome');
  });

  it('refuses an item no write took within maxWaitMs, and never writes it later', async () => {
    jest.useFakeTimers();
    try {
      const write = new ControlledWrite();
      const group = new GroupCommit(write.write, { ...OPTIONS, maxBatch: 10, maxConcurrent: 1, maxWaitMs: 5_000 });
      const first = group.submit(1);
      const stuck = group.submit(2);
      const refused = expect(stuck).rejects.toThrow('waited too long');
      jest.advanceTimersByTime(5_001);
      await refused;
      void write.finishNext();
      await expect(first).resolves.toBe('#1');
      expect(write.batches).toEqual([[1]]);
    } finally {
      jest.useRealTimers();
    }
  });
});
