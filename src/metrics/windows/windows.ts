// Report `windows`: per backport/SWAT/train window, what was deployed in it and how long
// it took. Definition and exclusions: docs/metrics/windows.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const params = baseParams.extend({
  /** Also list windows of other kinds (security, puppet, infra…) that had no syncs. */
  all: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
});

export const windowsReport = defineMetric({
  id: 'windows',
  version: 1,
  kind: 'report',
  title: 'Deployment windows: syncs, changes, tasks, deployers, self-deploys, time spent, requested vs deployed, failures',
  description: 'One row per window that starts in the time window (opened_at, else the planned start), with the deployments that fell in it',
  params,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'windows.sql'), [p.since ?? null, p.until ?? null, p.all ?? false, p.limit ?? 10_000]);
    return {
      columns: ['starts_at', 'name', 'kind', 'source', 'syncs', 'changes', 'tasks', 'deployers', 'self_deploys', 'span_s', 'busy_s',
        'requested', 'requested_deployed', 'max_patches', 'failed', 'aborted', 'forced', 'planned_deployers', 'first_start', 'last_finish',
        'planned_start', 'planned_end', 'opened_at', 'closed_at', 'window_key'],
      rows,
      notes: [
        'a deployment belongs to the window the deployer opened it in (shiplog deploy), else to the window it started in (link rule deploy-in-window: time-based)',
        'span_s = first start → last finish of the window\'s syncs; busy_s = the sum of their durations',
        'cookbooks, locks, scap installs and cleans are not syncs and are not counted; nor are config-merge rows (a merged mediawiki-config commit: the sync that deployed it is counted)',
        ...(p.all ? [] : ['windows of other kinds (security, puppet, infra…) are listed only when something was deployed in them (all=true lists them all)']),
      ],
    };
  },
});
