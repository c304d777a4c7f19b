// Hand-made open and closed tasks; bucket counts worked out by hand.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { openTasksByAge } from './open_tasks_by_age.ts';

const NOW = new Date('2025-01-01T00:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const task = (id: number, age: number, o: Record<string, unknown> = {}) => ({
  task_key: `task:T${id}`, task_id: `T${id}`, status: 'open', status_class: 'open', restricted: false,
  projects: ['Math'], priority_value: 50, priority_name: 'Medium', created_at: ago(age), ...o,
});

describe('open_tasks_by_age', () => {
  it('counts open tasks per project and priority in age buckets', async () => {
    const store = await openStore(':memory:');
    await store.write('tasks', [
      task(1, 3), task(2, 10), task(3, 400), // Math / Medium: 0–7, 7–30, >1y; median 10
      task(4, 60, { priority_value: 100, priority_name: 'Unbreak Now!', projects: ['Math', 'Core'] }), // both projects
      task(5, 100, { status: 'stalled' }), // stalled is open: Math / Medium 90–365
      task(6, 5, { status: 'resolved', status_class: 'closed' }), // closed: out
      task(7, 5, { restricted: true, status_class: null, projects: null }), // restricted: out
      task(8, 1, { created_at: new Date('2025-06-01T00:00:00Z') }), // created after the as-of date: out
    ]);
    const r = await runMetric(openTasksByAge, { store, clock: () => NOW }, {});
    expect(r.rows).toEqual([
      { project: 'Core', priority_value: 100, priority_name: 'Unbreak Now!', tasks: 1, age_0_7d: 0, age_7_30d: 0, age_30_90d: 1, age_90_365d: 0, age_over_1y: 0, median_age_days: 60 },
      { project: 'Math', priority_value: 100, priority_name: 'Unbreak Now!', tasks: 1, age_0_7d: 0, age_7_30d: 0, age_30_90d: 1, age_90_365d: 0, age_over_1y: 0, median_age_days: 60 },
      { project: 'Math', priority_value: 50, priority_name: 'Medium', tasks: 4, age_0_7d: 1, age_7_30d: 1, age_30_90d: 0, age_90_365d: 1, age_over_1y: 1, median_age_days: 55 }, // [3, 10, 100, 400]
    ]);
    const core = await runMetric(openTasksByAge, { store, clock: () => NOW }, { project: 'Core' });
    expect(core.rows).toHaveLength(1);
    await store.close();
  });
});
