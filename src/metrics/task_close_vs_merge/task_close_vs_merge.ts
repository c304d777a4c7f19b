// "Human process vs repository": how long after the first merge of a linked change a task
// is closed, by project. Definition: docs/metrics/task_close_vs_merge.md.
import { reportRollup } from '../../rollups/report.ts';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

// tasks, the links of every rule, and changes
export const taskCloseVsMergeRollup = reportRollup('task_close_vs_merge', ['tasks', 'links', 'changes'], () => ({
  sql: loadSql(import.meta.url, 'task_close_vs_merge.sql'), params: [null, null],
}));

export const taskCloseVsMerge = defineMetric({
  id: 'task_close_vs_merge',
  version: 1,
  kind: 'metric',
  title: 'Task closing vs first merge',
  description: 'Hours from the first merge of a linked change to the task close (median, p80), and how many tasks closed before any merge or are still open after one, by project',
  unit: 'hours',
  params: baseParams,
  async run(ctx, p) {
    const stored = !p.since && !p.until ? await taskCloseVsMergeRollup.read(ctx.store, null) : null;
    const rows = stored ?? await ctx.store.all(loadSql(import.meta.url, 'task_close_vs_merge.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: ['project', 'tasks', 'closed_after_merge', 'closed_before_merge', 'open_after_merge', 'median_lag_hours', 'p80_lag_hours'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: [
        stored ? 'read from rollup_report_task_close_vs_merge, rebuilt after each import or sync' : 'computed from tasks, links and changes',
        'lag = closed_at − first merge of any linked change (changes.merged_at or a GerritBot "merged" comment); negative = closed before the merge', 'restricted tasks excluded',
      ],
    };
  },
});
