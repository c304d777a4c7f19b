// Admission control for expensive requests (read-only SQL): at most `max` run at once,
// up to `maxQueued` wait in order for a turn, each for at most `maxWaitMs`; anyone beyond
// is told at once to come back later (503 busy + Retry-After), so a burst of slow queries
// queues or is refused instead of every client timing out together.
import { ShiplogError } from '../lib/errors.ts';

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class Admission {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly what: string,
    private readonly max: number,
    private readonly maxQueued: number,
    private readonly maxWaitMs: number,
  ) {}

  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  private busy(reason: string): ShiplogError {
    return new ShiplogError('busy', `${this.what}: ${reason}; retry later`, { retryAfterS: Math.max(1, Math.ceil(this.maxWaitMs / 1000)) });
  }

  /** Runs fn when a turn is free; throws `busy` when the queue is full or the wait too long. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.queue.length >= this.maxQueued) throw this.busy(`${this.running} running and ${this.queue.length} waiting`);
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          start: () => {
            clearTimeout(waiter.timer);
            resolve();
          },
          timer: setTimeout(() => {
            this.queue.splice(this.queue.indexOf(waiter), 1);
            reject(this.busy(`no turn within ${this.maxWaitMs} ms`));
          }, this.maxWaitMs),
        };
        this.queue.push(waiter);
      });
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next.start(); // the turn passes on: running stays the same
      else this.running--;
    }
  }
}
