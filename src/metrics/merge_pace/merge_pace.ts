// Merge pace of an extension or skin: changes merged per month, median create → merge.
// Definition: docs/metrics/merge_pace.md.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

export const mergePace = defineMetric({
  id: 'merge_pace',
  version: 1,
  kind: 'metric',
  title: 'Merge pace',
  description: 'Per repository and UTC month of the merge: changes merged, median and p80 hours from creation to merge',
  unit: 'changes, hours',
  params: stewardParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'merge_pace.sql'), [p.repo ?? null, p.since ?? null, p.until ?? null]);
    return { columns: ['repo', 'month', 'merged', 'median_hours', 'p80_hours'], rows: p.limit ? rows.slice(0, p.limit) : rows, notes: ['every branch; abandoned and open changes excluded'] };
  },
});
