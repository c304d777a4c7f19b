// Metric `time_to_restore`: median minutes from outage start to end per quarter.
// Definition and exclusions: docs/metrics/time_to_restore.md.
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const timeToRestore = defineMetric({
  id: 'time_to_restore',
  version: 1,
  kind: 'metric',
  title: 'Time to restore: median minutes from outage start to end, per quarter',
  description: 'Median of incidents.ended_at − started_at over the incidents that started in each quarter and have an end',
  unit: 'minutes',
  params: baseParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'time_to_restore.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: ['quarter', 'incidents', 'median_minutes', 'mean_minutes', 'max_minutes', 'without_end'],
      rows,
      notes: [
        'times come from the report: incident metadata, else OUTAGE BEGINS/ENDS markers, else timeline keywords, else the first/last timeline entry (incidents.started_by / ended_by say which)',
        'incidents with no end time are counted in without_end and left out of the figures',
      ],
    };
  },
});
