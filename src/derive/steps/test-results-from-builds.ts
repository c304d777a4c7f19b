// test_results.repo and run_at from the build a result belongs to (a chunk of XML does not
// know its repository; a case without a suite timestamp ran when its build started, or was
// reported): the values test_runs takes from the build, so queries may read them here.
// Runs when results or builds change, whichever of junit, jenkins or a Zuul report came first.
import type { Step } from '../../model/step.ts';

export const FILL_RESULTS_FROM_BUILDS = `
UPDATE test_results t
   SET repo = coalesce(t.repo, b.repo), run_at = coalesce(t.run_at, b.started_at, b.reported_at)
  FROM ci_builds b
 WHERE t.build_key = b.build_key
   AND ((t.repo IS NULL AND b.repo IS NOT NULL) OR (t.run_at IS NULL AND coalesce(b.started_at, b.reported_at) IS NOT NULL))`;

export const testResultsFromBuildsStep: Step = {
  name: 'test-results-from-builds',
  description: 'test_results.repo and run_at from their build when the XML did not say',
  reads: ['test_results', 'ci_builds'],
  writes: ['test_results'],
  async run(ctx) {
    await ctx.run(FILL_RESULTS_FROM_BUILDS);
  },
};
