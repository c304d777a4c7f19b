// Hand-made tasks, changes, links and a GerritBot merge comment; answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { taskCloseVsMerge } from './task_close_vs_merge.ts';

const h = (hours: number) => new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000);
const task = (id: number, o: Record<string, unknown>) => ({ task_key: `task:T${id}`, task_id: `T${id}`, status_class: 'closed', restricted: false, projects: ['A'], created_at: h(0), ...o });
const change = (n: number, merged: number | null, bugs: string[] = []) => ({ change_key: `change:g:${n}`, host: 'g', number: n, status: merged === null ? 'open' : 'merged', merged_at: merged === null ? null : h(merged), bug_tasks: bugs });
const link = (t: number, n: number) => ({ src_key: `task:T${t}`, dst_key: `change:g:${n}`, rule: 'gerritbot', confidence: 'high' });

describe('task_close_vs_merge', () => {
  it('measures the close relative to the first merge, by project and overall', async () => {
    const store = await openStore(':memory:');
    await store.write('tasks', [
      task(1, { closed_at: h(10) }), // changes 1 (merged h2) and 2 (merged h6): lag 10 − 2 = 8
      task(2, { closed_at: h(4), projects: ['A', 'B'] }), // change 3 merged h5 (via bug_tasks): lag −1
      task(3, { status_class: 'open', closed_at: null }), // change 4 merged h1: open after merge
      task(4, { closed_at: h(30), projects: [] }), // GerritBot merged comment at h6: lag 24
      task(5, { closed_at: h(3) }), // change 5 never merged: not counted
      task(6, { restricted: true, status_class: null, projects: null }), // restricted: excluded
    ]);
    await store.write('changes', [change(1, 2), change(2, 6), change(3, 5, ['T2']), change(4, 1), change(5, null), change(6, 1)]);
    await store.write('links', [link(1, 1), link(1, 2), link(3, 4), link(5, 5), link(6, 6)]);
    await store.write('task_events', [{ event_key: 'task:T4/1', task_key: 'task:T4', kind: 'comment', occurred_at: h(6), comment: 'Change 77 **merged** by jenkins-bot:\n[mediawiki/core@master] Fix' }]);
    const r = await runMetric(taskCloseVsMerge, { store, clock: () => h(100) }, {});
    expect(r.rows).toEqual([
      // A: T1 (8), T2 (−1), T3 (open) → lags [−1, 8]: median 3.5, p80 −1 + 0.8·9 = 6.2
      { project: '(no project)', tasks: 1, closed_after_merge: 1, closed_before_merge: 0, open_after_merge: 0, median_lag_hours: 24, p80_lag_hours: 24 },
      { project: 'A', tasks: 3, closed_after_merge: 1, closed_before_merge: 1, open_after_merge: 1, median_lag_hours: 3.5, p80_lag_hours: 6.2 },
      { project: 'B', tasks: 1, closed_after_merge: 0, closed_before_merge: 1, open_after_merge: 0, median_lag_hours: -1, p80_lag_hours: -1 },
      // all: T1 8, T2 −1, T3 open, T4 24 → [−1, 8, 24]: median 8, p80 8 + 0.6·16 = 17.6
      { project: '(all)', tasks: 4, closed_after_merge: 2, closed_before_merge: 1, open_after_merge: 1, median_lag_hours: 8, p80_lag_hours: 17.6 },
    ]);
    await store.close();
  });

  it('answers with no rows when there are no changes or links yet', async () => {
    const store = await openStore(':memory:');
    await store.write('tasks', [task(1, { closed_at: h(1) })]);
    expect((await runMetric(taskCloseVsMerge, { store, clock: () => h(100) }, {})).rows).toEqual([]);
    await store.close();
  });
});
