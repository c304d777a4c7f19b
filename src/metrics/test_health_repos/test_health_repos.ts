// Report `test_health_repos`: per repository failing tests, flaky tests, failure frequency and
// mean time to fix, built on test_health's per-test rows. Docs: docs/metrics/test_health_repos.md.
import { testHealthRollup } from '../test_health/rollup.ts';
import { rollupIsFresh } from '../../rollups/state.ts';
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { asOf, sourceNote, testFilterParams, testHealthArgs } from '../test_health/test_health.ts';

const TEST_HEALTH = new URL('../test_health/test_health.ts', import.meta.url).href;
/** A per-test query without its comments, ORDER BY and LIMIT, to inline as a CTE. */
const inline = (sql: string) => sql.replace(/--.*$/gm, '').replace(/\n *ORDER BY [^\n]*\n *LIMIT \$\d+\s*$/, '');

export const testHealthRepos = defineMetric({
  id: 'test_health_repos',
  version: 1,
  kind: 'report',
  title: 'Test health per repository: failing and flaky tests, failure frequency, mean time to fix',
  description: 'Per repository as of `until` (default: just after the newest test result, at most now): tests seen in 90 days, tests currently failing on the main line, flaky tests (14 days), failed runs per day and failure rate over 30 days, mean time to fix weighted by fixed episodes',
  params: testFilterParams.omit({ state: true }),
  async run(ctx, p) {
    // the per-test rows: the rollup when it is fresh and no `until` is asked, else the runs
    const fromRollup = p.until === undefined && (await rollupIsFresh(ctx.store, testHealthRollup, await asOf(ctx, undefined)));
    const [tests, args] = fromRollup
      ? [inline(loadSql(TEST_HEALTH, 'test_health_rollup.sql')), [p.repo ?? null, p.suite ?? null, p.q ?? null, 'all']]
      : [inline(loadSql(TEST_HEALTH, 'test_health.sql')), (await testHealthArgs(ctx, { ...p, state: 'all' }, 0)).slice(0, 7)];
    const rows = await ctx.store.all(loadSql(import.meta.url, 'test_health_repos.sql').replace('{{tests}}', tests), args);
    return {
      rows: rows.slice(0, p.limit ?? 1000),
      notes: ['mean_time_to_fix_h weights each test by its fixed episodes on the main line', sourceNote(fromRollup)],
    };
  },
});
