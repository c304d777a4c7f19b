// Wires the schedule to the sync service: the plan from the config, where each source
// stands in the store, and a sync that takes the source's lock (a source synced by hand
// at that moment is "busy", not a failure). `shiplog serve --sync` calls startSchedule;
// freshnessFor serves status, /api/freshness and /metrics with or without a schedule.
import type { Config } from '../config/schema.ts';
import { ShiplogError } from '../lib/errors.ts';
import { SOURCES } from '../sources/registry.ts';
import type { Store } from '../store/index.ts';
import type { SourceLocks } from '../sync/locks.ts';
import { syncSources, type ServiceDeps } from '../sync/service.ts';
import { resolveSchedule } from '../config/schedule.ts';
import { readFreshness, type SourceFreshness } from './freshness.ts';
import { Scheduler, type SchedulerDeps } from './scheduler.ts';

/** The sources a config syncs, with their plans (defaults filled in) and scopes. */
export function scheduleOf(config: Readonly<Config>) {
  return resolveSchedule(SOURCES, config as Parameters<typeof resolveSchedule>[1]);
}

/** Freshness of every synced source; `scheduler` adds its next runs and failures. */
export function freshnessFor(store: Store, config: Readonly<Config>, now: Date, scheduler?: Scheduler): Promise<SourceFreshness[]> {
  return readFreshness(store, scheduleOf(config), now, scheduler?.states());
}

/** Starts syncing every planned source on its schedule; stop() before closing the store. */
export async function startSchedule(
  deps: ServiceDeps & { locks: SourceLocks },
  opts: Partial<Pick<SchedulerDeps, 'sleep' | 'random'>> = {},
): Promise<Scheduler> {
  const entries = scheduleOf(deps.config);
  const plans = entries.map((e) => e.plan).filter((p) => p.enabled);
  if (plans.length === 0) {
    throw new ShiplogError('config_invalid', 'serve --sync: nothing to schedule: no source under "sources:" has anything to sync (see docs/deploy.md)');
  }
  // where the store left off: a source is due an interval after its stalest scope's success
  const stored = await readFreshness(deps.store, entries, deps.clock());
  const lastSuccess = new Map(stored.map((f) => [f.source, f.age_s === null ? null : f.last_success_at]));
  const scheduler = new Scheduler({
    log: deps.log, clock: deps.clock, ...opts,
    async sync(source, signal) {
      try {
        const started = Date.now();
        const [summary] = await syncSources({ ...deps, holder: 'the schedule', signal, onProgress: undefined }, [source]);
        deps.log.info({ source, raw: summary.raw, failed_scopes: summary.errors.length, ms: Date.now() - started }, 'scheduled sync done');
        return { ok: summary.errors.length === 0, errors: summary.errors };
      } catch (err) {
        if (err instanceof ShiplogError && err.code === 'conflict') return { ok: false, busy: true, errors: [err.message] };
        throw err;
      }
    },
  }, plans, lastSuccess);
  scheduler.start();
  return scheduler;
}
