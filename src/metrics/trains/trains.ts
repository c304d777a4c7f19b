// Trains: per MediaWiki version, when it rolled forward, how long it took, its rollbacks
// and the delay of each wiki group, as derived from the wikiversions history.
// Definition: docs/metrics/trains.md.
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const COLUMNS = [
  'version', 'first_rollforward_at', 'last_rollforward_at', 'total_time_s', 'rollbacks', 'rollbacks_time_s',
  'group0_at', 'group1_at', 'group2_at', 'group0_delay_days', 'group1_delay_days', 'group2_delay_days',
  'total_delay_days', 'reached_group2', 'blocker_task', 'rollforward_commits',
];

export const trainsReport = defineMetric({
  id: 'trains',
  version: 1,
  kind: 'report',
  title: 'Trains',
  description: 'Per MediaWiki version: first/last roll-forward, total time, rollbacks and time rolled back, group0/1/2 times and delays (US Mountain weekday rule), blocker task',
  params: baseParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'trains.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: COLUMNS,
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: ['definitions as thcipriani/train-stats: roll-forward/rollback from the wikiversions diff; delays = (Mountain-time weekday − Tue/Wed/Thu) mod 7, 0 within 24 h of the start'],
    };
  },
});
