// Report `deploys`: "given a time window, the list of syncs and patches deployed, and a
// point of contact". Definition and exclusions: docs/metrics/deploys.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const params = baseParams.extend({
  /** Only this deployments.kind (sync-file, backport, train-promote, …). */
  kind: z.string().min(1).optional(),
  /** Also list cookbooks, locks, scap installs, cleans and the config merges a sync covers (left out by default). */
  all: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
});

export const deploys = defineMetric({
  id: 'deploys',
  version: 3,
  kind: 'report',
  title: 'Deployments with their changes, tasks and point of contact',
  description: 'Every sync in the time window (by start), and every config merge no sync covers (at its Gerrit submit), one row per change it carried, with its tasks, deployer, outcome and the change owner (else the task owner) as point of contact',
  params,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'deploys.sql'), [
      p.since ?? null, p.until ?? null, p.all ?? false, p.kind ?? null, p.limit ?? 10_000,
    ]);
    const notes = [
      'contact_from says where the point of contact came from: the change owner (changes table) or the owner of a task the deployment named; contact is that account\'s person (contact_person) when the people step resolved it',
      'config-merge rows are dated by the Gerrit submit and attributed to its last Code-Review+2 (time_basis gerrit-submit), else by the commit (git-commit)',
    ];
    if (!p.all) notes.push('cookbooks, locks, scap installs, cleans, and config merges whose change a sync also carried, are left out (all=true lists them)');
    return {
      columns: ['started_at', 'kind', 'outcome', 'duration_s', 'deployer', 'change_number', 'change_subject', 'tasks', 'contact', 'contact_from', 'contact_person', 'time_basis', 'window_key', 'message'],
      rows,
      notes,
    };
  },
});
