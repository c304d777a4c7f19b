// Train blockers: the release task of each train version and the blocker tasks filed
// against it, by the wiki group the train had reached when each was filed.
// Definition: docs/metrics/train_blockers.md.
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const trainBlockers = defineMetric({
  id: 'train_blockers',
  version: 1,
  kind: 'report',
  title: 'Train blockers',
  description: 'Per train version: its release task (custom.release.version), trains.blocker_task, and the blocker subtasks filed before roll-out and during group0 / group1 / group2',
  params: baseParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'train_blockers.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: ['version', 'release_task', 'train_blocker_task', 'release_date', 'first_rollforward_at', 'blockers', 'filed_before_rollout', 'filed_testwikis', 'filed_group0', 'filed_group1', 'filed_group2', 'filed_unknown'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['blockers = subtasks of the release task; group = last roll-forward of that version before the blocker was filed'],
    };
  },
});
