// Every rollup, in the order they are rebuilt.
import { ciJobMatrixRollup } from '../metrics/ci_job_matrix/ci_job_matrix.ts';
import { ciUsageRollup } from '../metrics/ci_usage/ci_usage.ts';
import { taskCloseVsMergeRollup } from '../metrics/task_close_vs_merge/task_close_vs_merge.ts';
import type { Rollup } from './define.ts';
import { testHealthRollup } from './test_health.ts';
import { testResultsDailyRollup } from './test_results_daily.ts';
import { testsBrokenDailyRollup } from './tests_broken_daily.ts';

/**
 * Every rollup. A function, not a constant: report rollups live beside their reports, and the
 * reports' modules import the sync code that imports this one, so the list is built on use.
 */
export function allRollups(): readonly Rollup[] {
  return [testResultsDailyRollup, testHealthRollup, testsBrokenDailyRollup, ciUsageRollup, ciJobMatrixRollup, taskCloseVsMergeRollup];
}
