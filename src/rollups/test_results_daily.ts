// Rollup `test_results_daily`: what the Explorer reads for test_results when every column the
// request groups or filters by is a rollup dimension (see src/api/query/explore-rollup.ts).
import { loadSql } from '../lib/sql.ts';
import type { Rollup } from './define.ts';

/** The rollup's dimensions; its time column keeps the base table's name, run_at (a UTC day). */
export const TEST_RESULTS_DAILY_DIMENSIONS = ['repo', 'suite', 'status'] as const;

export const testResultsDailyRollup: Rollup = {
  name: 'test_results_daily',
  reads: ['test_results'],
  async refresh({ store }) {
    await store.replaceTable('rollup_test_results_daily', loadSql(import.meta.url, 'test_results_daily.sql'));
    return {};
  },
};
