// Report `tests_broken_by_dependency`: a test failing on several unrelated changes of a repo
// within one day. Docs: docs/metrics/tests_broken_by_dependency.md.
import { z } from 'zod';
import { loadSql } from '../../store/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const testsBrokenByDependency = defineMetric({
  id: 'tests_broken_by_dependency',
  version: 1,
  kind: 'report',
  title: 'Tests broken by a dependency: the same test failing on several unrelated changes in a day',
  description: 'Per test and UTC day: failures on at least `min_changes` (default 3) changes of the repository with distinct topics, in pre-merge pipelines',
  params: baseParams.extend({ repo: z.string().min(1).optional(), min_changes: z.coerce.number().int().min(2).default(3) }),
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'tests_broken_by_dependency.sql'), [
      p.since ?? null, p.until ?? null, p.min_changes, p.repo ?? null, p.limit ?? 1000,
    ]);
    return { rows, notes: [`unrelated = distinct topics (a change without a topic is its own); at least ${p.min_changes} per day`] };
  },
});
