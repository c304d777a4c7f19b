// Test health of an extension's or skin's CI: failure frequency, jobs failing now, mean
// time to fix. Definition: docs/metrics/ci_health.md. (Per-test health: test_health_repos.)
import { loadSql } from '../../lib/sql.ts';
import { reportRollup } from '../../rollups/report.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

/**
 * Every repository for all time (the Extensions page's question) is kept as a rollup: on a
 * year of Wikimedia CI (666,000 builds) the query takes 257 ms, over the routes' 150 ms.
 */
export const ciHealthRollup = reportRollup('ci_health', ['ci_builds'], () => ({ sql: loadSql(import.meta.url, 'ci_health.sql'), params: [null, null, null] }));

export const ciHealth = defineMetric({
  id: 'ci_health',
  version: 1,
  kind: 'metric',
  title: 'CI health per repository',
  description: 'Per repository: voting CI builds in the window and the share that failed, jobs whose newest gate-and-submit/postmerge build failed, mean hours from a failure streak\'s start to the next success',
  unit: 'builds, hours',
  params: stewardParams,
  async run(ctx, p) {
    const defaults = !p.repo && !p.since && !p.until;
    const stored = defaults ? await ciHealthRollup.read(ctx.store, null) : null;
    const rows = stored ?? await ctx.store.all(loadSql(import.meta.url, 'ci_health.sql'), [p.repo ?? null, p.since ?? null, p.until ?? null]);
    return {
      columns: ['repo', 'builds', 'failed_builds', 'failure_rate', 'jobs_failing_now', 'failing_jobs', 'mean_hours_to_fix'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: [stored ? 'read from rollup_report_ci_health, rebuilt after each import or sync of CI builds' : 'computed from ci_builds', 'pipelines test, gate-and-submit, postmerge; non-voting and aborted builds excluded; failing now and time to fix from gate-and-submit and postmerge only'],
    };
  },
});
