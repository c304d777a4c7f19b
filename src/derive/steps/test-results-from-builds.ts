// test_results.repo and run_at from the build a result belongs to (a chunk of XML does not
// know its repository; a case without a suite timestamp ran when its build started, or was
// reported): the values test_runs takes from the build, so queries may read them here.
// Runs when results or builds change, whichever of junit, jenkins or a Zuul report came first.
// The rows that change are counted first (an engine may not count a statement's rows); the
// fill itself is an UPDATE on DuckDB and a rewrite of those rows on ClickHouse (.clickhouse.sql).
import { loadSql } from '../../lib/sql.ts';
import type { Step } from '../../model/step.ts';

export const testResultsFromBuildsStep: Step = {
  name: 'test-results-from-builds',
  description: 'test_results.repo and run_at from their build when the XML did not say',
  reads: ['test_results', 'ci_builds'],
  writes: ['test_results'],
  async run(ctx) {
    const [{ n }] = await ctx.all<{ n: number | bigint }>(loadSql(import.meta.url, 'test-results-pending.sql'));
    if (Number(n) === 0) return;
    await ctx.run(loadSql(import.meta.url, 'test-results-fill.sql'), [], Number(n));
  },
};
