// One sync of a source at a time (so never two of one scope): the scheduler and the
// routes that sync, import or renormalize take the source's lock for as long as they
// run. A second taker is refused with `conflict` naming who holds it and since when,
// rather than queued behind a run that can take minutes. In-process: the server is the
// only writer of its database file.
import { ShiplogError } from '../lib/errors.ts';

interface Held {
  holder: string;
  since: Date;
}

export class SourceLocks {
  private readonly held = new Map<string, Held>();
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Who holds the source's lock, if anyone. */
  holderOf(source: string): Held | undefined {
    return this.held.get(source);
  }

  /** Runs fn holding the locks of every source named (all or none); conflict when one is taken. */
  async run<T>(sources: string[], holder: string, fn: () => Promise<T>): Promise<T> {
    const names = [...new Set(sources)];
    for (const s of names) {
      const h = this.held.get(s);
      if (h) {
        throw new ShiplogError('conflict', `${s} is being synced (${h.holder}, since ${h.since.toISOString()}); try again when it is done`);
      }
    }
    const since = this.clock();
    for (const s of names) this.held.set(s, { holder, since });
    try {
      return await fn();
    } finally {
      for (const s of names) this.held.delete(s);
    }
  }
}
