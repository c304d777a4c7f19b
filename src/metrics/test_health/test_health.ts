// Report `test_health`: per test (repo, suite, class, name) runs, failures and failure rates
// over 7/30/90 days, currently failing, flaky, first failure, time to fix, last seen.
// Definition and exclusions: docs/metrics/test_health.md.
import { z } from 'zod';
import { testHealthRollup } from './rollup.ts';
import { rollupIsFresh } from '../../rollups/state.ts';
import type { Row } from '../../store/index.ts';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric, type MetricContext } from '../define.ts';

export const testFilterParams = baseParams.extend({
  repo: z.string().min(1).optional(),
  suite: z.string().min(1).optional(),
  /** Test name contains (case-insensitive). */
  q: z.string().min(1).optional(),
  /** all, failing (currently, on the main line), flaky (last 14 days), failed (any failure in 90 days). */
  state: z.enum(['all', 'failing', 'flaky', 'failed']).default('all'),
});

export type TestFilter = z.infer<typeof testFilterParams>;

export const TEST_HEALTH_COLUMNS = [
  'repo', 'suite', 'class', 'name', 'runs_7d', 'failures_7d', 'failure_rate_7d', 'runs_30d', 'failures_30d', 'failure_rate_30d',
  'runs_90d', 'failures_90d', 'failure_rate_90d', 'currently_failing', 'failing_since', 'flaky', 'flaky_commits_14d',
  'first_failure_at', 'last_failure_at', 'mean_time_to_fix_h', 'fixed_episodes', 'runs', 'failures', 'last_seen_at',
];

/**
 * "As of": `until`, else just after the newest test result, never later than the clock — so
 * an archive that stopped being synced still shows its last 7/30/90 days, not empty windows.
 */
export async function asOf(ctx: MetricContext, until: Date | undefined): Promise<Date> {
  return until ?? justAfter(await newestRun(ctx), ctx.clock());
}

/** The default "as of" for the newest result `newest`: a second after it, never later than `now`. */
export function justAfter(newest: Date | null, now: Date): Date {
  return newest && newest.getTime() + 1000 < now.getTime() ? new Date(newest.getTime() + 1000) : now;
}

/**
 * The newest test result's time; null when no result has one. Where the engine names recent
 * bounds of run_at (Store.recentBounds: ClickHouse's newest month partitions, ~15 ms against
 * ~75 ms over every row at 98.9M results), the newest rows at or after one are asked first;
 * a bound with no time at or after it (its rows deleted) gives way to the next, then to all.
 */
export async function newestRun(ctx: Pick<MetricContext, 'store'>): Promise<Date | null> {
  for (const from of await ctx.store.recentBounds('test_results', 'run_at')) {
    const [r] = await ctx.store.all<{ newest: Date | null }>('SELECT max(run_at) AS newest FROM test_results WHERE run_at >= $1', [from]);
    if (r?.newest) return r.newest;
  }
  const [all] = await ctx.store.all<{ newest: Date | null }>('SELECT max(run_at) AS newest FROM test_results');
  return all?.newest ?? null;
}

/** One of `of` disjoint parts of the tests (every run of a test falls in the same part). */
export interface TestSlice {
  of: number;
  index: number;
}

/** The slice's range of the 64-bit test hash, as decimal text (beyond a JavaScript number). */
export function hashRange({ of, index }: TestSlice): [string, string] {
  const span = (1n << 64n) / BigInt(of);
  const hi = index === of - 1 ? (1n << 64n) - 1n : span * BigInt(index + 1) - 1n;
  return [String(span * BigInt(index)), String(hi)];
}

/** The parameters of test_health.sql, in order; every test unless a slice is given. */
export async function testHealthArgs(ctx: MetricContext, p: TestFilter, limit: number | null, slice: TestSlice = { of: 1, index: 0 }): Promise<unknown[]> {
  return [await asOf(ctx, p.until), p.repo ?? null, p.suite ?? null, p.q ?? null, p.state, ...hashRange(slice), limit];
}

/**
 * The per-test rows for `p`: from rollup_test_health when no `until` is asked and the rollup
 * is fresh for the default "as of", else from the runs (test_health.sql). `limit` null = all.
 */
export async function testHealthRows(ctx: MetricContext, p: TestFilter, limit: number | null): Promise<{ rows: Row[]; fromRollup: boolean }> {
  if (p.until === undefined && (await rollupIsFresh(ctx.store, testHealthRollup, await asOf(ctx, undefined)))) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'test_health_rollup.sql'), [p.repo ?? null, p.suite ?? null, p.q ?? null, p.state, limit]);
    return { rows, fromRollup: true };
  }
  return { rows: await ctx.store.all(loadSql(import.meta.url, 'test_health.sql'), await testHealthArgs(ctx, p, limit)), fromRollup: false };
}

/** The note that says where a test-health answer was read from. */
export function sourceNote(fromRollup: boolean): string {
  return fromRollup
    ? 'read from rollup_test_health, rebuilt after each import or sync that changed test results, builds, changes or patch sets (the same rows test_health.sql gives)'
    : 'computed from the test runs (test_health.sql)';
}

export const testHealth = defineMetric({
  id: 'test_health',
  version: 1,
  kind: 'report',
  title: 'Test health: failure rates, currently failing, flaky, time to fix, per test',
  description: 'One row per test (repo, suite, class, name): runs and failures over 7/30/90 days before `until` (default: just after the newest test result, at most now), currently failing on the main line and since when, flaky within 14 days, first failure, mean time to fix, last seen',
  params: testFilterParams,
  async run(ctx, p) {
    const { rows, fromRollup } = await testHealthRows(ctx, p, p.limit ?? 1000);
    return {
      columns: TEST_HEALTH_COLUMNS,
      rows,
      notes: [
        sourceNote(fromRollup),
        'skipped cases are not runs; failed = fail or error',
        'main line = gate-and-submit, postmerge, periodic or publish builds, or builds of no change, on master/main',
        'flaky = passed and failed on the same commit (patch set sha, else change and patch set) in the 14 days before `until`',
      ],
    };
  },
});
