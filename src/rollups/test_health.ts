// Rollup `test_health`: the per-test rows of the test_health report for every test, as of the
// default "as of" (just after the newest test result, at most now). The report and the
// /api/tests routes read it when no `until` is asked and it is fresh; test_health.sql over
// the runs stays the definition (the rollup is that query's result, not a second one).
import { asOf, testHealthArgs } from '../metrics/test_health/test_health.ts';
import { loadSql } from '../store/sql.ts';
import type { Rollup } from './define.ts';

const TEST_HEALTH_SQL = new URL('../metrics/test_health/test_health.ts', import.meta.url).href;

export const testHealthRollup: Rollup = {
  name: 'test_health',
  // test_runs reads test_results and ci_builds (junit, jenkins, gerrit reports) and the
  // branch and sha of changes and patch sets (gerrit)
  dependsOn: ['junit', 'jenkins', 'gerrit', 'gerrit-notedb'],
  async refresh({ store, clock }) {
    const at = await asOf({ store, clock }, undefined);
    const args = await testHealthArgs({ store, clock }, { state: 'all', until: at }, null);
    await store.run(`CREATE OR REPLACE TABLE rollup_test_health AS ${loadSql(TEST_HEALTH_SQL, 'test_health.sql')}`, args);
    return { asOf: at };
  },
};
