// Report `tests_broken_by_dependency`: a test failing on several unrelated changes of a repo
// within one day. Docs: docs/metrics/tests_broken_by_dependency.md.
import { z } from 'zod';
import { onDayBoundary } from '../../rollups/define.ts';
import { rollupIsFresh } from '../../rollups/state.ts';
import { BROKEN_MIN_CHANGES, testsBrokenDailyRollup } from '../../rollups/tests_broken_daily.ts';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const testsBrokenByDependency = defineMetric({
  id: 'tests_broken_by_dependency',
  version: 1,
  kind: 'report',
  title: 'Tests broken by a dependency: the same test failing on several unrelated changes in a day',
  description: 'Per test and UTC day: failures on at least `min_changes` (default 3) changes of the repository with distinct topics, in pre-merge pipelines',
  params: baseParams.extend({ repo: z.string().min(1).optional(), min_changes: z.coerce.number().int().min(2).default(3) }),
  async run(ctx, p) {
    const args = [p.since ?? null, p.until ?? null, p.min_changes, p.repo ?? null, p.limit ?? 1000];
    // days are UTC days: with midnight bounds (or none) the rollup holds exactly these rows
    const fromRollup = p.min_changes >= BROKEN_MIN_CHANGES && onDayBoundary(p.since) && onDayBoundary(p.until)
      && (await rollupIsFresh(ctx.store, testsBrokenDailyRollup));
    const file = fromRollup ? 'tests_broken_by_dependency_rollup.sql' : 'tests_broken_by_dependency.sql';
    const rows = await ctx.store.all(loadSql(import.meta.url, file), args);
    return {
      rows,
      notes: [
        `unrelated = distinct topics (a change without a topic is its own); at least ${p.min_changes} per day`,
        fromRollup ? 'read from rollup_tests_broken_daily, rebuilt after each import or sync that changed test results, builds, changes or patch sets' : 'computed from the test runs',
      ],
    };
  },
});
