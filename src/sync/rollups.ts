// Every rollup, in the order they are rebuilt. Here, above metrics and rollups, so neither
// imports the other's list.
import { ciHealthRollup } from '../metrics/ci_health/ci_health.ts';
import { ciJobMatrixRollup } from '../metrics/ci_job_matrix/ci_job_matrix.ts';
import { ciUsageRollup } from '../metrics/ci_usage/ci_usage.ts';
import { taskCloseVsMergeRollup } from '../metrics/task_close_vs_merge/task_close_vs_merge.ts';
import { testHealthRollup } from '../metrics/test_health/rollup.ts';
import type { Rollup, RollupContext } from '../rollups/define.ts';
import { refreshRollups, refreshStaleRollups } from '../rollups/state.ts';
import { testResultsDailyRollup } from '../rollups/test_results_daily.ts';
import { testsBrokenDailyRollup } from '../rollups/tests_broken_daily.ts';

/** Every rollup: the generic ones of src/rollups and the report rollups beside their metrics. */
export function allRollups(): readonly Rollup[] {
  return [testResultsDailyRollup, testHealthRollup, testsBrokenDailyRollup, ciUsageRollup, ciJobMatrixRollup, ciHealthRollup, taskCloseVsMergeRollup];
}

/** Rebuilds every rollup, fresh or not (after rows were written outside the pipeline). */
export function rebuildAllRollups(ctx: RollupContext): Promise<void> {
  return refreshRollups(ctx, allRollups());
}

/** Rebuilds the stale rollups; what it rebuilt and how long each took (ms). */
export function refreshStale(ctx: RollupContext): Promise<Record<string, number>> {
  return refreshStaleRollups(ctx, allRollups());
}
