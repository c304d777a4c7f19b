// Hand-made tasks whose answer was worked out by hand (see the comments per bucket).
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { taskResolutionTime } from './task_resolution_time.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const task = (id: number, o: Record<string, unknown>) => ({
  task_key: `task:T${id}`, task_id: `T${id}`, status: 'resolved', status_class: 'closed', subtype: 'bug', restricted: false, projects: [], ...o,
});

async function world() {
  const store = await openStore(':memory:');
  await store.write('tasks', [
    task(1, { projects: ['A'], created_at: d('2024-01-01'), closed_at: d('2024-01-11') }), // 10 d, Q1
    task(2, { projects: ['A', 'B'], created_at: d('2024-01-01'), closed_at: d('2024-01-03') }), // 2 d, Q1
    task(3, { subtype: 'error', projects: ['B'], created_at: d('2024-03-01'), closed_at: d('2024-04-05') }), // reopened once: 35 d, Q2
    task(4, { subtype: 'default', projects: ['C'], created_at: d('2024-04-01'), closed_at: d('2024-04-05') }), // 4 d, only as a bug project
    task(5, { status: 'declined', projects: ['A'], created_at: d('2024-01-01'), closed_at: d('2024-01-02') }), // excluded
    task(6, { status: 'open', status_class: 'open', projects: ['A'], created_at: d('2024-01-01') }), // excluded
    task(7, { restricted: true, status: null, subtype: null, projects: null }), // excluded
    task(8, { projects: [], created_at: d('2024-01-30'), closed_at: null }), // closed by event: 2 d, Q1
  ]);
  const ev = (id: string, task: number, at: string, oldV: string, newV: string) => ({ event_key: `task:T${task}/${id}`, task_key: `task:T${task}`, kind: 'status', occurred_at: d(at), old_value: oldV, new_value: newV });
  await store.write('task_events', [
    ev('1', 3, '2024-03-05', 'open', 'resolved'), ev('2', 3, '2024-03-10', 'resolved', 'open'), ev('3', 3, '2024-04-05', 'open', 'resolved'),
    ev('4', 8, '2024-02-01', 'open', 'resolved'),
  ]);
  return store;
}

describe('task_resolution_time', () => {
  it('gives median and p80 days by project and by quarter, a reopened task once', async () => {
    const store = await world();
    const r = await runMetric(taskResolutionTime, { store, clock: () => d('2025-01-01') }, {});
    expect(r.rows).toEqual([
      { dimension: 'project', bucket: '(no project)', tasks: 1, median_days: 2, p80_days: 2 },
      { dimension: 'project', bucket: 'A', tasks: 2, median_days: 6, p80_days: 8.4 }, // [2, 10]
      { dimension: 'project', bucket: 'B', tasks: 2, median_days: 18.5, p80_days: 28.4 }, // [2, 35]
      { dimension: 'quarter', bucket: '2024-Q1', tasks: 3, median_days: 2, p80_days: 6.8 }, // [2, 2, 10]
      { dimension: 'quarter', bucket: '2024-Q2', tasks: 1, median_days: 35, p80_days: 35 },
    ]);
    await store.close();
  });

  it('counts the tasks of configured bug projects, and filters by close time', async () => {
    const store = await world();
    const r = await runMetric(taskResolutionTime, { store, clock: () => d('2025-01-01') }, { bug_projects: 'C', since: '2024-04-01' });
    expect(r.rows).toEqual([
      { dimension: 'project', bucket: 'B', tasks: 1, median_days: 35, p80_days: 35 },
      { dimension: 'project', bucket: 'C', tasks: 1, median_days: 4, p80_days: 4 },
      { dimension: 'quarter', bucket: '2024-Q2', tasks: 2, median_days: 19.5, p80_days: 28.8 }, // [4, 35]
    ]);
    await store.close();
  });
});
