// Report `test_health_repos`: per repository failing tests, flaky tests, failure frequency and
// mean time to fix, built on test_health's per-test rows. Docs: docs/metrics/test_health_repos.md.
import { loadSql } from '../../store/sql.ts';
import { defineMetric } from '../define.ts';
import { testFilterParams, testHealthArgs } from '../test_health/test_health.ts';

export const testHealthRepos = defineMetric({
  id: 'test_health_repos',
  version: 1,
  kind: 'report',
  title: 'Test health per repository: failing and flaky tests, failure frequency, mean time to fix',
  description: 'Per repository as of `until` (default: just after the newest test result, at most now): tests seen in 90 days, tests currently failing on the main line, flaky tests (14 days), failed runs per day and failure rate over 30 days, mean time to fix weighted by fixed episodes',
  params: testFilterParams.omit({ state: true }),
  async run(ctx, p) {
    const tests = loadSql(new URL('../test_health/test_health.ts', import.meta.url).href, 'test_health.sql')
      .replace(/--.*$/gm, '').replace(/LIMIT \$6\s*$/, '');
    const sql = loadSql(import.meta.url, 'test_health_repos.sql').replace('{{tests}}', tests);
    const rows = await ctx.store.all(sql, (await testHealthArgs(ctx, { ...p, state: 'all' }, 0)).slice(0, 5));
    return { rows: rows.slice(0, p.limit ?? 1000), notes: ['mean_time_to_fix_h weights each test by its fixed episodes on the main line'] };
  },
});
