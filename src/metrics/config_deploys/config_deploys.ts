// Config deployments per week (operations/mediawiki-config merges), with how many name a
// task and how many resolve to a known Gerrit change. Definition: docs/metrics/config_deploys.md.
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const configDeploys = defineMetric({
  id: 'config_deploys',
  version: 1,
  kind: 'report',
  title: 'Config deployments per week',
  description: 'operations/mediawiki-config merges (kind config-merge) per week: deployments, distinct authors, with a Bug: task, with a known Gerrit change',
  unit: 'deployments',
  params: baseParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'config_deploys.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: ['week', 'deploys', 'authors', 'with_task', 'with_known_change'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['one config-merge deployment per first-parent commit of master; weeks start Monday 00:00 UTC'],
    };
  },
});
