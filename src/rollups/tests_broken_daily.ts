// Rollup `tests_broken_daily`: the rows of the tests_broken_by_dependency report for all time,
// every repository and the smallest threshold (2 unrelated changes a day). The report reads
// it when its since/until fall on UTC midnights, since it groups by UTC day.
import { loadSql } from '../lib/sql.ts';
import { CI_TABLES, type Rollup } from './define.ts';

const REPORT_SQL = new URL('../metrics/tests_broken_by_dependency/tests_broken_by_dependency.ts', import.meta.url).href;

/** The smallest min_changes the report accepts, and so the rollup's threshold. */
export const BROKEN_MIN_CHANGES = 2;

export const testsBrokenDailyRollup: Rollup = {
  name: 'tests_broken_daily',
  reads: CI_TABLES, // test_runs: results, builds, change topics
  async refresh({ store }) {
    await store.replaceTable('rollup_tests_broken_daily', loadSql(REPORT_SQL, 'tests_broken_by_dependency.sql'),
      [null, null, BROKEN_MIN_CHANGES, null, null]);
    return {};
  },
};
