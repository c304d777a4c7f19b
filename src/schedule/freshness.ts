// Each synced source against its freshness objective: the age of its stalest configured
// scope's last successful sync, `ok` below warn_after, `warn` below error_after, `error`
// beyond, `never` while a scope has never synced. Read by `shiplog status`,
// GET /api/status and /api/freshness (the page header) and /metrics, with the
// schedule's own state (next sync, failures in a row) when the server runs it.
import { redactSecrets } from '../lib/redact.ts';
import type { Store } from '../store/index.ts';
import { loadSql } from '../lib/sql.ts';
import type { SourcePlan } from '../config/schedule.ts';
import type { SourceScheduleState } from './scheduler.ts';

export type FreshnessState = 'ok' | 'warn' | 'error' | 'never';

export interface SourceFreshness {
  source: string;
  state: FreshnessState;
  /** Seconds since the stalest scope's last successful sync; null when one never synced. */
  age_s: number | null;
  /** That scope's last success (the oldest of the source's scopes). */
  last_success_at: Date | null;
  stalest_scope: string | null;
  scopes: number;
  warn_after_s: number;
  error_after_s: number;
  /** The newest error of a scope whose last run failed. */
  last_error: string | null;
  /** Whether `serve --sync` keeps this source fresh, and its next run. */
  scheduled: boolean;
  next_sync_at: Date | null;
  consecutive_failures: number;
}

interface ScopeRow {
  source: string;
  scope: string;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
}

export function stateOf(ageS: number | null, plan: SourcePlan): FreshnessState {
  if (ageS === null) return 'never';
  if (ageS * 1000 >= plan.errorAfterMs) return 'error';
  if (ageS * 1000 >= plan.warnAfterMs) return 'warn';
  return 'ok';
}

/** Pure: the freshness of each planned source from its scopes' rows. */
export function freshnessOf(
  entries: { plan: SourcePlan; scopes: string[] }[],
  rows: ScopeRow[],
  now: Date,
  schedule: SourceScheduleState[] = [],
): SourceFreshness[] {
  return entries.map(({ plan, scopes }) => {
    const wanted = new Set(scopes.map((s) => redactSecrets(s)));
    const mine = rows.filter((r) => r.source === plan.source && wanted.has(r.scope));
    const missing = wanted.size - new Set(mine.map((r) => r.scope)).size;
    const synced = mine.filter((r) => r.last_success_at);
    const stalest = synced.sort((a, b) => a.last_success_at!.getTime() - b.last_success_at!.getTime())[0];
    const neverScope = mine.find((r) => !r.last_success_at)?.scope ?? (missing > 0 ? [...wanted].find((s) => !mine.some((r) => r.scope === s)) : undefined);
    const ageS = neverScope !== undefined || !stalest ? null : Math.max(0, Math.round((now.getTime() - stalest.last_success_at!.getTime()) / 1000));
    const failing = mine.filter((r) => r.last_error).sort((a, b) => (b.last_run_at?.getTime() ?? 0) - (a.last_run_at?.getTime() ?? 0))[0];
    const sched = schedule.find((s) => s.source === plan.source);
    return {
      source: plan.source, state: stateOf(ageS, plan), age_s: ageS,
      last_success_at: stalest?.last_success_at ?? null, stalest_scope: neverScope ?? stalest?.scope ?? null, scopes: wanted.size,
      warn_after_s: plan.warnAfterMs / 1000, error_after_s: plan.errorAfterMs / 1000,
      last_error: failing?.last_error ?? sched?.last_error ?? null,
      scheduled: Boolean(sched), next_sync_at: sched?.next_sync_at ?? null, consecutive_failures: sched?.consecutive_failures ?? 0,
    };
  });
}

export async function readFreshness(
  store: Store,
  entries: { plan: SourcePlan; scopes: string[] }[],
  now: Date,
  schedule?: SourceScheduleState[],
): Promise<SourceFreshness[]> {
  if (entries.length === 0) return [];
  const rows = await store.all<ScopeRow>(loadSql(import.meta.url, 'freshness.sql'), [entries.map((e) => e.plan.source)]);
  return freshnessOf(entries, rows, now, schedule);
}
