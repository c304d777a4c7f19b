// Report `ci_usage` version 1, kept runnable as ci_usage@1 (docs/metrics/README.md,
// Versions): wall hours per change + patch set + pipeline span, which a recheck days later
// stretched (version 2 counts them per pipeline run).
import { defineMetric } from '../define.ts';
import { ciUsageSql, params } from './ci_usage.ts';

export const ciUsageV1 = defineMetric({
  id: 'ci_usage',
  version: 1,
  kind: 'report',
  title: 'CI usage: builds, builds per change, agent and wall hours',
  description: 'CI build runs (a Jenkins build and the Zuul row of its Gerrit report count once) by day, repo, day_repo, pipeline, job or change: builds, changes, builds per change, agent hours, wall hours per buildset, failure rate, median duration',
  unit: 'hours',
  params,
  async run(ctx, p) {
    const rows = await ctx.store.all(ciUsageSql(p.by, 'ci_usage.v1.sql'), [p.since ?? null, p.until ?? null, p.repo ?? null, p.limit ?? 1000]);
    return {
      rows,
      notes: [
        'computed from ci_runs',
        'agent_h = sum of build durations (one executor per build); wall_h = per change, patch set and pipeline, first start to last end',
        'builds are counted once when both the Jenkins build and its Zuul report row are stored',
      ],
    };
  },
});
