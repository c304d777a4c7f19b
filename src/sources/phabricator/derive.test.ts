// derive(): trains.blocker_task is filled from the release task only where the trains
// source left it NULL (coordination through the table only).
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { derivePhabricator } from './derive.ts';

describe('derivePhabricator', () => {
  it('fills trains.blocker_task only where it is NULL, from the lowest-id release task', async () => {
    const store = await openStore(':memory:');
    await store.write('trains', [
      { train_key: 'train:1.45.0-wmf.5', version: '1.45.0-wmf.5', blocker_task: null },
      { train_key: 'train:1.45.0-wmf.6', version: '1.45.0-wmf.6', blocker_task: 'T900' },
      { train_key: 'train:1.45.0-wmf.7', version: '1.45.0-wmf.7', blocker_task: null },
    ]);
    const task = (id: number, version: string, o: Record<string, unknown> = {}) =>
      ({ task_key: `task:T${id}`, task_id: `T${id}`, subtype: 'release', release_version: version, restricted: false, ...o });
    await store.write('tasks', [task(120, '1.45.0-wmf.5'), task(100, '1.45.0-wmf.5'), task(101, '1.45.0-wmf.6'), task(5, '1.45.0-wmf.7', { restricted: true })]);
    const res = await derivePhabricator((sql, params) => store.all(sql, params));
    expect(res.statements ?? []).toEqual([]);
    for (const [table, rows] of Object.entries(res.rows)) if (rows?.length) await store.write(table, rows as Record<string, unknown>[]);
    expect(await store.all('SELECT version, blocker_task FROM trains ORDER BY version')).toEqual([
      { version: '1.45.0-wmf.5', blocker_task: 'T100' },
      { version: '1.45.0-wmf.6', blocker_task: 'T900' },
      { version: '1.45.0-wmf.7', blocker_task: null },
    ]);
    await store.close();
  });
});
