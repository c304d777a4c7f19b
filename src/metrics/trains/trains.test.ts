// The trains report on two hand-made trains: rows in first roll-forward order, the
// roll-forward commit count from train_events, and the since/until window.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { trainsReport } from './trains.ts';

async function world() {
  const store = await openStore(':memory:');
  const train = (version: string, first: string, o: Record<string, unknown> = {}) => ({
    train_key: `train:${version}`, version, first_rollforward_at: new Date(first), rollbacks: 0, reached_group2: true, ...o,
  });
  await store.write('trains', [
    train('1.45.0-wmf.6', '2025-06-17T13:00:00Z', { rollbacks: 1, rollbacks_time_s: 3600, group2_delay_days: 1, total_delay_days: 2, blocker_task: 'T393945' }),
    train('1.45.0-wmf.5', '2025-06-10T13:00:00Z'),
  ]);
  const ev = (version: string, sha: string, group: string, kind: string, at: string) => ({
    event_key: `train:${version}/${sha}/${group}`, train_key: `train:${version}`, version, wiki_group: group, kind,
    occurred_at: new Date(at), commit_key: `commit:operations/mediawiki-config:${sha}`,
  });
  await store.write('train_events', [
    ev('1.45.0-wmf.6', 'a', 'testwikis', 'rollforward', '2025-06-17T13:00:00Z'),
    ev('1.45.0-wmf.6', 'b', 'group0', 'rollforward', '2025-06-17T19:00:00Z'),
    ev('1.45.0-wmf.6', 'b', 'testwikis', 'rollforward', '2025-06-17T19:00:00Z'), // same commit, two groups: one commit
    ev('1.45.0-wmf.6', 'c', 'group0', 'rollback', '2025-06-17T20:00:00Z'),
  ]);
  return store;
}

describe('trains report', () => {
  it('lists versions by first roll-forward with their figures and roll-forward commits', async () => {
    const store = await world();
    const res = await runMetric(trainsReport, { store, clock: () => new Date('2026-01-01T00:00:00Z') }, {});
    expect(res.rows.map((r) => [r.version, r.rollforward_commits, r.rollbacks, r.blocker_task])).toEqual([
      ['1.45.0-wmf.5', 0, 0, null],
      ['1.45.0-wmf.6', 2, 1, 'T393945'],
    ]);
    expect(res.rows[1]).toMatchObject({ rollbacks_time_s: 3600, group2_delay_days: 1, total_delay_days: 2, reached_group2: true });
  });

  it('filters on the first roll-forward', async () => {
    const store = await world();
    const res = await runMetric(trainsReport, { store, clock: () => new Date() }, { since: new Date('2025-06-15T00:00:00Z') });
    expect(res.rows.map((r) => r.version)).toEqual(['1.45.0-wmf.6']);
  });
});
