// Report `test_history`: every run of one test, newest first. Docs: docs/metrics/test_history.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const testHistory = defineMetric({
  id: 'test_history',
  version: 1,
  kind: 'report',
  title: 'Runs of one test, newest first',
  description: 'Every run of the test named `name` (narrowed by repo, suite, class), with status, duration, message, build, change and pipeline',
  params: baseParams.extend({
    name: z.string().min(1),
    repo: z.string().min(1).optional(),
    suite: z.string().min(1).optional(),
    class: z.string().min(1).optional(),
  }),
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'test_history.sql'), [
      p.repo ?? null, p.suite ?? null, p.class ?? null, p.name, p.since ?? null, p.until ?? null, p.limit ?? 500,
    ]);
    return { rows };
  },
});
