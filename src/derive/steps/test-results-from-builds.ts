// test_results.repo and run_at from the build a result belongs to (a chunk of XML does not
// know its repository; a case without a suite timestamp ran when its build started, or was
// reported): the values test_runs takes from the build, so queries may read them here.
// Runs when results or builds change, whichever of junit, jenkins or a Zuul report came first.
// The rows that change are counted first (an engine may not count a statement's rows); the
// fill itself is an UPDATE on DuckDB and a rewrite of those rows on ClickHouse (.clickhouse.sql),
// a slice of builds a transaction when there are many (SLICE_RESULTS).
import { loadSql } from '../../lib/sql.ts';
import type { Step } from '../../model/step.ts';

/**
 * Results filled in one transaction at most (about): DuckDB keeps an UPDATE's old values in
 * memory it cannot spill, and filling 12.7M results at once ran out of its 512MB.
 */
export const SLICE_RESULTS = 1_000_000;

/** The step, filling at most about `slice` results a transaction. */
export function testResultsFromBuilds(slice = SLICE_RESULTS): Step {
  return {
    name: 'test-results-from-builds',
    description: 'test_results.repo and run_at from their build when the XML did not say',
    reads: ['test_results', 'ci_builds'],
    writes: ['test_results'],
    async run(ctx) {
      const pending = loadSql(import.meta.url, 'test-results-pending.sql');
      const fill = loadSql(import.meta.url, 'test-results-fill.sql');
      const [all] = await ctx.all<{ n: number | bigint; builds: number | bigint }>(pending, [null]);
      const n = Number(all.n);
      if (n === 0) return;
      if (n <= slice) {
        await ctx.run(fill, [null], n);
        return;
      }
      // the first builds in key order whose results make about a slice (one build at least)
      const builds = Math.max(1, Math.floor((Number(all.builds) * slice) / n));
      const [{ upto }] = await ctx.all<{ upto: string }>(loadSql(import.meta.url, 'test-results-slice.sql'), [builds]);
      const [some] = await ctx.all<{ n: number | bigint }>(pending, [upto]);
      await ctx.run(fill, [upto], Number(some.n));
      return 'more';
    },
  };
}

export const testResultsFromBuildsStep = testResultsFromBuilds();
