// Bug resolution of an extension's or skin's Phabricator project: bugs created, resolved,
// open, resolution rate and median days to resolve. Definition: docs/metrics/bug_resolution.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

export const bugResolution = defineMetric({
  id: 'bug_resolution',
  version: 1,
  kind: 'metric',
  title: 'Bug resolution rate and time',
  description: "Per extension or skin: its Phabricator project (from {{Extension|phabricator=}}, the projects param, or MediaWiki-extensions-<Name>), bugs created and resolved in the window, open now, resolved/created, median days to resolve",
  unit: 'tasks, days',
  params: stewardParams.extend({ projects: z.string().optional().describe('repo=Project pairs, comma-separated, overriding the mapping') }),
  async run(ctx, p) {
    const rows = await ctx.store.all<Record<string, unknown>>(loadSql(import.meta.url, 'bug_resolution.sql'), [p.repo ?? null, p.since ?? null, p.until ?? null, p.projects ?? null]);
    for (const r of rows) r.resolution_rate = Number(r.bugs_created) > 0 ? Math.round((Number(r.bugs_resolved) / Number(r.bugs_created)) * 1000) / 1000 : null;
    return {
      columns: ['repo', 'project', 'bugs_created', 'bugs_resolved', 'resolution_rate', 'bugs_open', 'median_days_to_resolve'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['bugs = subtype bug or error; restricted tasks excluded; resolved = status resolved (declined, invalid, duplicate are not)'],
    };
  },
});
