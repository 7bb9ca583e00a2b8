/**
 * Every timer the sim sets (delayed decisions, callback retries) goes through here, so a reset or a shutdown
 * can cancel them all and nothing fires for state that is gone or keeps the process alive.
 */
export class SimScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  schedule(delayMs: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, delayMs);
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get pending(): number {
    return this.timers.size;
  }
}
