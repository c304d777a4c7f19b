// Activity per month of an extension or skin: human and bot-only commits, changes created
// and merged. Definition: docs/metrics/steward_activity.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const stewardParams = baseParams.extend({ repo: z.string().min(1).optional().describe('repository, e.g. mediawiki/extensions/Echo (default: every extension and skin)') });

export const stewardActivity = defineMetric({
  id: 'steward_activity',
  version: 1,
  kind: 'report',
  title: 'Extension activity per month',
  description: 'Per extension or skin and UTC month: first-parent commits by humans and by bots only, Gerrit changes created and merged',
  unit: 'count',
  params: stewardParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'steward_activity.sql'), [p.repo ?? null, p.since ?? null, p.until ?? null]);
    return {
      columns: ['repo', 'month', 'human_commits', 'bot_commits', 'changes_created', 'changes_merged'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['commits: first-parent line of the default branch (extensions source); a commit is human when anyone on it is not a known bot (src/model/stewardship/bots.ts)'],
    };
  },
});
