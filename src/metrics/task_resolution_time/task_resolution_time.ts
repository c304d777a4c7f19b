// Time to resolution of bugs: median and p80 in days, by project and by quarter of the
// close. Definition and exclusions: docs/metrics/task_resolution_time.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const params = baseParams.extend({
  /** Comma-separated project names whose tasks count as bugs whatever their subtype. */
  bug_projects: z.string().optional(),
});

export const taskResolutionTime = defineMetric({
  id: 'task_resolution_time',
  version: 1,
  kind: 'metric',
  title: 'Bug time to resolution',
  description: 'Days from creation to the final close of resolved bugs (subtype bug/error or a bug project): median and p80 by project and by quarter; a reopened task counts once',
  unit: 'days',
  params,
  async run(ctx, p) {
    const bugProjects = (p.bug_projects ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const rows = await ctx.store.all(loadSql(import.meta.url, 'task_resolution_time.sql'), [bugProjects.join(','), p.since ?? null, p.until ?? null]);
    return {
      columns: ['dimension', 'bucket', 'tasks', 'median_days', 'p80_days'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['status "resolved" only (declined, invalid, duplicate excluded); restricted tasks excluded', bugProjects.length ? `bug projects: ${bugProjects.join(', ')}` : 'bugs = subtype bug or error'],
    };
  },
});
