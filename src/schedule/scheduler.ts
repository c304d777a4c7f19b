// The sync schedule `shiplog serve --sync` runs: each planned source is synced every
// interval (plus jitter), one source at a time, by one loop. A failed sync is retried
// after `retry`, doubling with each failure in a row, never waiting longer than the
// interval; a source whose lock is held (someone synced it by hand) is tried again after
// `retry` without counting as a failure. Sync, clock, sleep and randomness are injected;
// this file does no I/O of its own and knows nothing of the CLI or the HTTP server.
import { describeError } from '../lib/errors.ts';
import type { Logger } from '../lib/log.ts';
import type { SourcePlan } from '../config/schedule.ts';

export interface SyncOutcome {
  /** Every scope synced. */
  ok: boolean;
  /** Not run: the source's lock was held. */
  busy?: boolean;
  errors: string[];
}

export interface SchedulerDeps {
  /** Syncs one source; may reject (counted as a failure). */
  sync(source: string, signal: AbortSignal): Promise<SyncOutcome>;
  clock: () => Date;
  /** Resolves after ms, or early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** [0, 1), for jitter. */
  random?: () => number;
  log: Logger;
}

/** What the schedule knows of one source, for status, /metrics and /api/freshness. */
export interface SourceScheduleState {
  source: string;
  interval_s: number;
  next_sync_at: Date | null;
  running_since: Date | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_outcome: 'ok' | 'failed' | 'busy' | null;
  last_error: string | null;
  last_duration_ms: number | null;
  consecutive_failures: number;
  syncs_ok: number;
  syncs_failed: number;
}

export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The wait before the next try after `failures` failures in a row: retry·2^(n−1), at most the interval. */
export function backoffMs(plan: SourcePlan, failures: number): number {
  return Math.min(plan.retryMs * 2 ** Math.max(0, failures - 1), plan.intervalMs);
}

export class Scheduler {
  private readonly state = new Map<string, SourceScheduleState & { due: number }>();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly sleep: NonNullable<SchedulerDeps['sleep']>;
  private readonly random: () => number;

  /** `lastSuccess`: each source's oldest last successful sync, to start where the store left off. */
  constructor(
    private readonly deps: SchedulerDeps,
    private readonly plans: SourcePlan[],
    lastSuccess: ReadonlyMap<string, Date | null> = new Map(),
  ) {
    this.sleep = deps.sleep ?? realSleep;
    this.random = deps.random ?? Math.random;
    const now = deps.clock().getTime();
    for (const p of plans.filter((x) => x.enabled)) {
      const last = lastSuccess.get(p.source)?.getTime();
      const due = last === undefined ? now : Math.max(now, last + p.intervalMs);
      this.state.set(p.source, {
        source: p.source, interval_s: p.intervalMs / 1000, due, next_sync_at: new Date(due), running_since: null,
        last_started_at: null, last_finished_at: null, last_outcome: null, last_error: null, last_duration_ms: null,
        consecutive_failures: 0, syncs_ok: 0, syncs_failed: 0,
      });
    }
  }

  /** Starts the loop (once); returns at once. */
  start(): void {
    if (this.loop || this.state.size === 0) return;
    this.deps.log.info({ sources: [...this.state.keys()] }, 'sync schedule started');
    this.loop = this.run().catch((err: unknown) => this.deps.log.error({ err }, 'the sync schedule stopped on an error'));
  }

  /** Stops scheduling, aborts the running sync (it resumes from its cursor next time) and waits for it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  states(): SourceScheduleState[] {
    return [...this.state.values()].map(({ due: _due, ...s }) => ({ ...s }));
  }

  private jitter(plan: SourcePlan): number {
    return Math.floor(this.random() * plan.jitterMs);
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const next = [...this.state.values()].sort((a, b) => a.due - b.due || a.source.localeCompare(b.source))[0];
      const wait = next.due - this.deps.clock().getTime();
      if (wait > 0) {
        await this.sleep(wait, signal);
        continue; // look again: the clock moved, or we are stopping
      }
      await this.runOne(next, this.plans.find((p) => p.source === next.source)!, signal);
    }
  }

  private async runOne(s: SourceScheduleState & { due: number }, plan: SourcePlan, signal: AbortSignal): Promise<void> {
    const started = this.deps.clock();
    s.running_since = started;
    s.last_started_at = started;
    let outcome: SyncOutcome;
    let thrown = false;
    try {
      outcome = await this.deps.sync(s.source, signal);
    } catch (err) {
      outcome = { ok: false, errors: [describeError(err)] };
      thrown = true;
    }
    const now = this.deps.clock();
    s.running_since = null;
    s.last_finished_at = now;
    s.last_duration_ms = now.getTime() - started.getTime();
    if (outcome.busy) {
      s.last_outcome = 'busy';
      s.due = now.getTime() + plan.retryMs;
    } else if (outcome.ok) {
      s.last_outcome = 'ok';
      s.last_error = null;
      s.consecutive_failures = 0;
      s.syncs_ok++;
      s.due = now.getTime() + plan.intervalMs + this.jitter(plan);
    } else {
      s.last_outcome = 'failed';
      s.last_error = outcome.errors[0] ?? 'failed';
      s.consecutive_failures++;
      s.syncs_failed++;
      const wait = backoffMs(plan, s.consecutive_failures);
      s.due = now.getTime() + wait + this.jitter(plan);
      if (!signal.aborted) {
        // a failing scope was logged by the pipeline as it failed; a thrown error was not
        const why = thrown ? `: ${s.last_error}` : '';
        this.deps.log.warn(`scheduled sync of ${s.source} failed (${s.consecutive_failures} in a row)${why}; next try in ${Math.round(wait / 1000)} s`);
      }
    }
    s.next_sync_at = new Date(s.due);
  }
}
