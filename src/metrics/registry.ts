// Every metric and report, one line each (see define.ts).
import type { MetricDefinition } from './define.ts';
import { deploys } from './deploys/deploys.ts';
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

export const METRICS: MetricDefinition<any>[] = [
  deploys,
  taskResolutionTime, taskCloseVsMerge, openTasksByAge, trainBlockers,
  windowsReport, changeFailureRate, timeToRestore,
  testHealth, testHealthRepos, testsBrokenByDependency, testHistory, ciUsage, ciJobMatrix, zuulQueueWait,
  trainsReport, configDeploys, dora,
  stewardActivity, mergePace, reviewResponsiveness, bugResolution, absenceFactor, ciHealth, stewardCompliance, stewardsReport,
];

export function findMetric(id: string): MetricDefinition<any> | undefined {
  return METRICS.find((m) => m.id === id);
}
