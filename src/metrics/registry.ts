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

export const METRICS: MetricDefinition<any>[] = [
  deploys,
  taskResolutionTime, taskCloseVsMerge, openTasksByAge, trainBlockers,
  windowsReport, changeFailureRate, timeToRestore,
];

export function findMetric(id: string): MetricDefinition<any> | undefined {
  return METRICS.find((m) => m.id === id);
}
