// Hand-made trains, roll-forwards, a release task and its subtasks (one restricted);
// the group each blocker was filed in worked out by hand.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { trainBlockers } from './train_blockers.ts';

const d = (s: string) => new Date(`${s}Z`);
const task = (id: number, o: Record<string, unknown>) => ({ task_key: `task:T${id}`, task_id: `T${id}`, restricted: false, ...o });
const sub = (child: number, parent: number, at: string | null) => ({ src_key: `task:T${child}`, dst_key: `task:T${parent}`, rule: 'subtask', confidence: 'high', first_seen_at: at ? d(at) : null });
const ev = (version: string, group: string, at: string) => ({ event_key: `train:${version}/${group}`, train_key: `train:${version}`, version, wiki_group: group, kind: 'rollforward', occurred_at: d(at) });

async function world() {
  const store = await openStore(':memory:');
  await store.write('trains', [
    { train_key: 'train:1.45.0-wmf.5', version: '1.45.0-wmf.5', first_rollforward_at: d('2026-03-03T15:00:00'), blocker_task: null },
    { train_key: 'train:1.45.0-wmf.6', version: '1.45.0-wmf.6', first_rollforward_at: d('2026-03-10T15:00:00'), blocker_task: 'T900' },
  ]);
  await store.write('train_events', [ev('1.45.0-wmf.5', 'group0', '2026-03-03T15:00:00'), ev('1.45.0-wmf.5', 'group1', '2026-03-04T15:00:00'), ev('1.45.0-wmf.5', 'group2', '2026-03-05T15:00:00')]);
  await store.write('tasks', [
    task(100, { subtype: 'release', release_version: '1.45.0-wmf.5', release_date: '2026-03-03', created_at: d('2026-02-20T00:00:00') }),
    task(101, { created_at: d('2026-03-01T00:00:00') }), // before roll-out
    task(102, { created_at: d('2026-03-03T16:00:00') }), // group0
    task(103, { created_at: d('2026-03-04T20:00:00') }), // group1
    task(104, { created_at: d('2026-03-04T21:00:00') }), // group1
    task(105, { restricted: true }), // restricted, filed time unknown
  ]);
  await store.write('links', [sub(101, 100, null), sub(102, 100, null), sub(103, 100, null), sub(104, 100, null), sub(105, 100, null), sub(106, 100, '2026-03-06T00:00:00')]); // T106 not synced: link time, group2
  return store;
}

describe('train_blockers', () => {
  it('counts blockers per train by the group in which they were filed', async () => {
    const store = await world();
    const r = await runMetric(trainBlockers, { store, clock: () => d('2026-04-01T00:00:00') }, {});
    expect(r.rows).toEqual([
      { version: '1.45.0-wmf.5', release_task: 'T100', train_blocker_task: null, release_date: '2026-03-03', first_rollforward_at: d('2026-03-03T15:00:00'),
        blockers: 6, filed_before_rollout: 1, filed_testwikis: 0, filed_group0: 1, filed_group1: 2, filed_group2: 1, filed_unknown: 1 },
      { version: '1.45.0-wmf.6', release_task: null, train_blocker_task: 'T900', release_date: null, first_rollforward_at: d('2026-03-10T15:00:00'),
        blockers: 0, filed_before_rollout: 0, filed_testwikis: 0, filed_group0: 0, filed_group1: 0, filed_group2: 0, filed_unknown: 0 },
    ]);
    await store.close();
  });
});
