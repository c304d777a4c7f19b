// Report `deploys` version 2, kept runnable as deploys@2 (docs/metrics/README.md, Versions):
// config merges always left out, dated by their commit; the deployer as stored.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { params } from './deploys.ts';

export const deploysV2 = defineMetric({
  id: 'deploys',
  version: 2,
  kind: 'report',
  title: 'Deployments with their changes, tasks and point of contact',
  description: 'Every sync in the time window (by start), one row per change it carried, with its tasks, deployer, outcome and the change owner (else the task owner) as point of contact',
  params,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'deploys.v2.sql'), [
      p.since ?? null, p.until ?? null, p.all ?? false, p.kind ?? null, p.limit ?? 10_000,
    ]);
    const notes = ['contact_from says where the point of contact came from: the change owner (changes table) or the owner of a task the deployment named; contact is that account\'s person (contact_person) when the people step resolved it'];
    if (!p.all) notes.push('cookbooks, locks, scap installs, cleans and config merges (a merge is not a sync) are left out (all=true lists them)');
    return {
      columns: ['started_at', 'kind', 'outcome', 'duration_s', 'deployer', 'change_number', 'change_subject', 'tasks', 'contact', 'contact_from', 'contact_person', 'window_key', 'message'],
      rows,
      notes,
    };
  },
});
