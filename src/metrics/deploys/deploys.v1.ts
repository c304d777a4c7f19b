// deploys@1, kept runnable as `shiplog report deploys@1` / GET /api/reports/deploys@1:
// the point of contact as the change owner's (else the task owner's) account name, before
// version 2 resolved it to a person. Its SQL is deploys.v1.sql, unchanged.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { deploys, params } from './deploys.ts';

export const deploysV1 = defineMetric({
  ...deploys,
  version: 1,
  params,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'deploys.v1.sql'), [
      p.since ?? null, p.until ?? null, p.all ?? false, p.kind ?? null, p.limit ?? 10_000,
    ]);
    const notes = ['contact_from says where the point of contact came from: the change owner (changes table) or the owner of a task the deployment named'];
    if (!p.all) notes.push('cookbooks, locks, scap installs, cleans and config merges (a merge is not a sync) are left out (all=true lists them)');
    return {
      columns: ['started_at', 'kind', 'outcome', 'duration_s', 'deployer', 'change_number', 'change_subject', 'tasks', 'contact', 'contact_from', 'window_key', 'message'],
      rows,
      notes,
    };
  },
});
