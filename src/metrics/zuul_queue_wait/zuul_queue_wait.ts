// Report `zuul_queue_wait`: queue wait (enqueue → first job start) per pipeline per day, from
// Zuul status.json snapshots. Docs: docs/metrics/zuul_queue_wait.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const zuulQueueWait = defineMetric({
  id: 'zuul_queue_wait',
  version: 1,
  kind: 'report',
  title: 'Zuul queue wait per pipeline and day',
  description: 'Queue items seen in Zuul status.json snapshots per pipeline and day of enqueue: items, items whose jobs started, median / p90 / max minutes from enqueue to the first job start',
  unit: 'minutes',
  params: baseParams.extend({ pipeline: z.string().min(1).optional() }),
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'zuul_queue_wait.sql'), [p.since ?? null, p.until ?? null, p.pipeline ?? null, p.limit ?? 1000]);
    return { rows, notes: ['only as complete as the snapshots: an item enqueued and started between two snapshots is not seen'] };
  },
});
