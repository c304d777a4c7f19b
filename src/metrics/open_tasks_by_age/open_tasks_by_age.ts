// Outstanding tasks per project and priority, by age. Definition and exclusions:
// docs/metrics/open_tasks_by_age.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const openTasksByAge = defineMetric({
  id: 'open_tasks_by_age',
  version: 1,
  kind: 'report',
  title: 'Open tasks by age and priority',
  description: 'Open tasks per project and priority, counted in age buckets (0–7 d, 7–30 d, 30–90 d, 90–365 d, over a year) at `until` (default now)',
  params: baseParams.extend({ project: z.string().min(1).optional() }),
  async run(ctx, p) {
    const asOf = p.until ?? ctx.clock();
    const rows = await ctx.store.all(loadSql(import.meta.url, 'open_tasks_by_age.sql'), [asOf, p.project ?? null]);
    return {
      columns: ['project', 'priority_value', 'priority_name', 'tasks', 'age_0_7d', 'age_7_30d', 'age_30_90d', 'age_90_365d', 'age_over_1y', 'median_age_days'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: [`ages at ${asOf.toISOString()}`, 'current status of each task; restricted tasks excluded'],
    };
  },
});
