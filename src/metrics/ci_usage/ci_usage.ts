// Report `ci_usage` ("are we testing a lot"): builds, builds per change, agent and wall hours,
// by day, repo, day and repo, pipeline, job or change. Docs: docs/metrics/ci_usage.md.
import { z } from 'zod';
import { CI_TABLES } from '../../rollups/define.ts';
import { reportRollup } from '../../rollups/report.ts';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

/** The group columns of each `by` (constants, never user text) and the row order. */
const GROUPS: Record<string, { group: string; order: string; wall: boolean }> = {
  day: { group: 'day', order: 'day DESC', wall: true },
  repo: { group: 'repo', order: 'agent_h DESC NULLS LAST, repo', wall: true },
  day_repo: { group: 'day, repo', order: 'day DESC, agent_h DESC NULLS LAST, repo', wall: true },
  pipeline: { group: 'pipeline', order: 'builds DESC, pipeline', wall: true },
  job: { group: 'job', order: 'builds DESC, job', wall: false },
  change: { group: 'change', order: 'builds DESC, change', wall: true },
};

/** The report's SQL for one `by` (from `file`: the current definition, or a kept older one): $1 since, $2 until, $3 repo, $4 limit. */
export function ciUsageSql(by: string, file = 'ci_usage.sql'): string {
  const g = GROUPS[by];
  const wall = g.wall
    ? `SELECT ${g.group}, round(sum(wall_s) / 3600, 2) AS wall_h FROM sets GROUP BY ALL`
    : `SELECT ${g.group}, NULL::DOUBLE AS wall_h FROM b`;
  return loadSql(import.meta.url, file).replaceAll('{{group}}', g.group).replace('{{wall}}', wall).replace('{{order}}', g.order);
}

export const ciUsageRollup = reportRollup('ci_usage', CI_TABLES, () => ({ sql: ciUsageSql('day'), params: [null, null, null, null] }));

export const params = baseParams.extend({
  by: z.enum(['day', 'repo', 'day_repo', 'pipeline', 'job', 'change']).default('day'),
  repo: z.string().min(1).optional(),
});

export const ciUsage = defineMetric({
  id: 'ci_usage',
  version: 2,
  kind: 'report',
  title: 'CI usage: builds, builds per change, agent and wall hours',
  description: 'CI build runs (a Jenkins build and the Zuul row of its Gerrit report count once) by day, repo, day_repo, pipeline, job or change: builds, changes, builds per change, agent hours, wall hours per pipeline run (one Zuul report), failure rate, median duration',
  unit: 'hours',
  params,
  async run(ctx, p) {
    // the Tests page's default (by day, all repos, all time) is kept as a rollup
    const defaults = p.by === 'day' && !p.since && !p.until && !p.repo;
    const stored = defaults ? await ciUsageRollup.read(ctx.store, p.limit ?? 1000) : null;
    const rows = stored ?? await ctx.store.all(ciUsageSql(p.by), [p.since ?? null, p.until ?? null, p.repo ?? null, p.limit ?? 1000]);
    return {
      rows,
      notes: [
        stored ? 'read from rollup_report_ci_usage, rebuilt after each import or sync of CI data' : 'computed from ci_runs',
        'agent_h = sum of build durations (one executor per build); wall_h = per pipeline run (one Zuul report; a build no report listed is its own run), first start to last end, summed',
        'builds are counted once when both the Jenkins build and its Zuul report row are stored',
      ],
    };
  },
});
