// Rollup `test_health`: the per-test rows of the test_health report for every test, as of the
// default "as of" (just after the newest test result, at most now). The report and the
// /api/tests routes read it when no `until` is asked and it is fresh; test_health.sql over
// the runs stays the definition (the rollup is that query's result, not a second one).
// Built in slices of the tests: each row depends only on its own test's runs, so the slices'
// rows together are the whole query's rows, and no single query holds every run at once.
import { justAfter, newestRun, testHealthArgs } from './test_health.ts';
import { loadSql } from '../../lib/sql.ts';
import { CI_TABLES, type Rollup, type RollupContext } from '../../rollups/define.ts';

/**
 * Test results one slice reads, on average. On 98.9M results (DuckDB, 512MB, 2 threads) the
 * whole query spilled more than 35 GB of temporary files before it was stopped; a slice takes
 * 12 s at 5M (20 slices, ~4 min), 22 s at 10M and 7.8 s at 2.5M, none spilling much.
 */
export const SLICE_RESULTS = 5_000_000;

/**
 * The report's default "as of"; with no test results at all, a fixed one (the rollup is empty
 * whatever it is, and "now" would make it stale at every import).
 */
async function rollupAsOf(ctx: RollupContext): Promise<Date> {
  const newest = await newestRun(ctx);
  return newest ? justAfter(newest, ctx.clock()) : new Date(0);
}

/** How many slices the rebuild takes: one per `sliceResults` test results, at least one. */
export async function sliceCount(ctx: RollupContext, sliceResults: number): Promise<number> {
  const [{ n }] = await ctx.store.all<{ n: number | bigint }>('SELECT count(*) AS n FROM test_results');
  return Math.max(1, Math.ceil(Number(n) / sliceResults));
}

/** The rollup, built in slices of about `sliceResults` test results (tests shrink it). */
export function testHealthRollupOf(sliceResults: number): Rollup {
  return {
    name: 'test_health',
    reads: CI_TABLES, // test_runs: results, builds, changes' branch, patch sets' sha
    asOf: (ctx) => rollupAsOf(ctx),
    async refresh({ store, clock }) {
      const at = await rollupAsOf({ store, clock });
      const sql = loadSql(import.meta.url, 'test_health.sql');
      const of = await sliceCount({ store, clock }, sliceResults);
      for (let index = 0; index < of; index++) {
        const args = await testHealthArgs({ store, clock }, { state: 'all', until: at }, null, { of, index });
        await (index === 0 ? store.replaceTable('rollup_test_health', sql, args) : store.appendToTable('rollup_test_health', sql, args));
      }
      return { asOf: at };
    },
  };
}

export const testHealthRollup = testHealthRollupOf(SLICE_RESULTS);
