// Rollup `test_health`: the per-test rows of the test_health report for every test, as of the
// default "as of" (just after the newest test result, at most now). The report and the
// /api/tests routes read it when no `until` is asked and it is fresh; test_health.sql over
// the runs stays the definition (the rollup is that query's result, not a second one).
import { asOf, testHealthArgs } from './test_health.ts';
import { loadSql } from '../../lib/sql.ts';
import { CI_TABLES, type Rollup, type RollupContext } from '../../rollups/define.ts';

/**
 * The report's default "as of"; with no test results at all, a fixed one (the rollup is empty
 * whatever it is, and "now" would make it stale at every import).
 */
async function rollupAsOf(ctx: RollupContext): Promise<Date> {
  const [{ any }] = await ctx.store.all<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM test_results WHERE run_at IS NOT NULL) AS any');
  return any ? asOf(ctx, undefined) : new Date(0);
}

export const testHealthRollup: Rollup = {
  name: 'test_health',
  reads: CI_TABLES, // test_runs: results, builds, changes' branch, patch sets' sha
  asOf: (ctx) => rollupAsOf(ctx),
  async refresh({ store, clock }) {
    const at = await rollupAsOf({ store, clock });
    const args = await testHealthArgs({ store, clock }, { state: 'all', until: at }, null);
    await store.replaceTable('rollup_test_health', loadSql(import.meta.url, 'test_health.sql'), args);
    return { asOf: at };
  },
};
