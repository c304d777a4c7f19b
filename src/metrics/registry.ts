// Every metric and report, one line each (see define.ts).
import type { MetricDefinition } from './define.ts';
import { deploys } from './deploys/deploys.ts';
import { deploysV2 } from './deploys/deploys.v2.ts';
import { deploysV1 } from './deploys/deploys.v1.ts';
import { taskResolutionTime } from './task_resolution_time/task_resolution_time.ts';
import { taskCloseVsMerge } from './task_close_vs_merge/task_close_vs_merge.ts';
import { openTasksByAge } from './open_tasks_by_age/open_tasks_by_age.ts';
import { trainBlockers } from './train_blockers/train_blockers.ts';
import { windowsReport } from './windows/windows.ts';
import { changeFailureRate } from './change_failure_rate/change_failure_rate.ts';
import { timeToRestore } from './time_to_restore/time_to_restore.ts';
import { testHealth } from './test_health/test_health.ts';
import { testHealthRepos } from './test_health_repos/test_health_repos.ts';
import { testsBrokenByDependency } from './tests_broken_by_dependency/tests_broken_by_dependency.ts';
import { testHistory } from './test_history/test_history.ts';
import { ciUsage } from './ci_usage/ci_usage.ts';
import { ciUsageV1 } from './ci_usage/ci_usage.v1.ts';
import { ciJobMatrix } from './ci_job_matrix/ci_job_matrix.ts';
import { zuulQueueWait } from './zuul_queue_wait/zuul_queue_wait.ts';
import { trainsReport } from './trains/trains.ts';
import { configDeploys } from './config_deploys/config_deploys.ts';
import { stewardActivity } from './steward_activity/steward_activity.ts';
import { mergePace } from './merge_pace/merge_pace.ts';
import { reviewResponsiveness } from './review_responsiveness/review_responsiveness.ts';
import { bugResolution } from './bug_resolution/bug_resolution.ts';
import { absenceFactor } from './absence_factor/absence_factor.ts';
import { ciHealth } from './ci_health/ci_health.ts';
import { stewardCompliance } from './steward_compliance/steward_compliance.ts';
import { stewardsReport } from './stewards/stewards.ts';
import { dora } from './dora/dora.ts';
import { testsBrokenByChange } from './tests_broken_by_change/tests_broken_by_change.ts';
import { pulse } from './pulse/pulse.ts';

export const METRICS: MetricDefinition<any>[] = [
  deploys,
  taskResolutionTime, taskCloseVsMerge, openTasksByAge, trainBlockers,
  windowsReport, changeFailureRate, timeToRestore,
  testHealth, testHealthRepos, testsBrokenByDependency, testsBrokenByChange, testHistory, ciUsage, ciJobMatrix, zuulQueueWait,
  trainsReport, configDeploys, dora,
  stewardActivity, mergePace, reviewResponsiveness, bugResolution, absenceFactor, ciHealth, stewardCompliance, stewardsReport,
  pulse,
];

/**
 * Definitions replaced by a newer version, kept runnable as `<id>@<version>`: when a
 * definition's meaning changes, its version goes up and the old object (with its old SQL,
 * e.g. `<id>.v1.sql` beside the new one) moves here, so figures published under the old
 * version can still be reproduced. See docs/metrics/README.md.
 */
export const PREVIOUS_VERSIONS: MetricDefinition<any>[] = [deploysV2, deploysV1, ciUsageV1];

/** A definition by id (the current version) or by `id@version` (that version, current or kept). */
export function findMetric(ref: string, all: { current: MetricDefinition<any>[]; previous: MetricDefinition<any>[] } = { current: METRICS, previous: PREVIOUS_VERSIONS }): MetricDefinition<any> | undefined {
  const at = /^([a-z][a-z0-9_]*)@(\d+)$/.exec(ref);
  if (!at) return all.current.find((m) => m.id === ref);
  const version = Number(at[2]);
  return [...all.current, ...all.previous].find((m) => m.id === at[1] && m.version === version);
}

/** Every version of a definition that can be run, newest first. */
export function versionsOf(id: string, previous: MetricDefinition<any>[] = PREVIOUS_VERSIONS): number[] {
  return [...METRICS, ...previous].filter((m) => m.id === id).map((m) => m.version).sort((a, b) => b - a);
}

/** Why a reference names no runnable definition (one line, listing what there is). */
export function unknownMetricMessage(ref: string): string {
  const id = ref.split('@')[0];
  const versions = versionsOf(id);
  if (versions.length) return `report ${ref}: no such version (runnable: ${versions.map((v) => `${id}@${v}`).join(', ')})`;
  return `unknown report "${ref}" (known: ${METRICS.map((m) => m.id).join(', ')})`;
}
