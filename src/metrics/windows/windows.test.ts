// A hand-made pair of windows whose report was worked out by hand: deploys placed in a
// planned window by time and in a workflow window explicitly; self-deploys by owner name
// and by identity; requested vs deployed; failures, aborts and bookkeeping left out.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { windowsReport } from './windows.ts';

const t = (s: string) => new Date(`2024-12-${s}Z`);

async function world() {
  const store = await openStore(':memory:');
  await store.write('windows', [
    { window_key: 'window:late', name: 'UTC late backport window', kind: 'backport', planned_start: t('04T21:00:00'), planned_end: t('04T22:00:00'),
      deployers: ['Urbanecm', 'RoanKattouw'], max_patches: 6, requested_changes: [1101577, 1100200, 999], source: 'calendar' },
    { window_key: 'window:security', name: 'Weekly Security deployment window', kind: 'other', planned_start: t('04T14:00:00'), planned_end: t('04T16:00:00'), source: 'calendar' },
    { window_key: 'window:wf', name: 'Backport window', kind: 'backport', opened_at: t('05T08:00:00'), closed_at: t('05T08:40:00'), deployers: ['urbanecm'], source: 'workflow' },
    { window_key: 'window:morning', name: 'UTC morning backport window', kind: 'backport', planned_start: t('05T07:00:00'), planned_end: t('05T08:00:00'),
      deployers: ['Urbanecm'], max_patches: 6, requested_changes: [1100201], source: 'calendar' },
    { window_key: 'window:wf2', name: 'UTC morning backport window', kind: 'backport', opened_at: t('05T07:02:00'), closed_at: t('05T07:30:00'), deployers: ['urbanecm'], source: 'workflow' },
  ]);
  const dep = (key: string, kind: string, from: string, to: string | null, o: Record<string, unknown> = {}) => ({
    deploy_key: key, kind, started_at: t(from), finished_at: to ? t(to) : null,
    duration_s: to ? (t(to).getTime() - t(from).getTime()) / 1000 : null, deployer: 'samtar', outcome: 'ok', forced: false, ...o,
  });
  await store.write('deployments', [
    dep('deploy:sal:a', 'backport', '04T21:05:00', '04T21:13:00'),
    dep('deploy:sal:b', 'sync-file', '04T21:20:00', '04T21:25:00', { deployer: 'Urbanecm', outcome: 'failed' }),
    dep('deploy:sal:c', 'cookbook', '04T21:30:00', '04T21:31:00'),
    dep('deploy:git:m', 'config-merge', '04T21:40:00', '04T21:40:00'), // a merge, not a sync
    dep('deploy:sal:e', 'sync-file', '04T23:00:00', '04T23:01:00'),
    dep('deploy:workflow:f', 'sync-world', '05T08:10:00', '05T08:12:00', { deployer: 'urbanecm', outcome: 'aborted', window_key: 'window:wf' }),
    dep('deploy:workflow:g', 'backport', '05T07:05:00', '05T07:10:00', { deployer: 'urbanecm', window_key: 'window:wf2' }),
    dep('deploy:sal:g', 'backport', '05T07:05:20', '05T07:09:55', { deployer: 'urbanecm' }), // scap's SAL record of the same run
  ]);
  await store.write('links', [
    { src_key: 'deploy:workflow:f', dst_key: 'window:wf', rule: 'workflow-window', confidence: 'high', raw_id: 'workflow:x#0' },
    { src_key: 'deploy:workflow:g', dst_key: 'window:wf2', rule: 'workflow-window', confidence: 'high', raw_id: 'workflow:y#0' },
  ]);
  const item = (d: string, n: number, o: Record<string, unknown>) => ({ item_key: `${d}/${n}`, deploy_key: d, ...o });
  await store.write('deployment_items', [
    item('deploy:sal:a', 1, { change_number: 1101577, change_key: 'change:g:1101577' }),
    item('deploy:sal:b', 1, { change_number: 1100200, change_key: 'change:g:1100200' }),
    item('deploy:sal:b', 2, { change_number: 1100201, change_key: 'change:g:1100201' }),
    item('deploy:workflow:f', 1, { task_id: 'T9' }),
    item('deploy:workflow:g', 1, { change_number: 1100201, change_key: 'change:g:1100201' }),
  ]);
  await store.write('changes', [
    { change_key: 'change:g:1101577', host: 'g', number: 1101577, owner: 'gerrit:7', owner_name: 'samtar', bug_tasks: ['T1'] },
    { change_key: 'change:g:1100200', host: 'g', number: 1100200, owner: 'gerrit:8', owner_name: 'Alice Example', bug_tasks: ['T1', 'T2'] },
    { change_key: 'change:g:1100201', host: 'g', number: 1100201, owner: 'gerrit:9', owner_name: 'Martin Urbanec', bug_tasks: [] },
  ]);
  await store.write('identities', [
    { identity_key: 'gerrit:9', system: 'gerrit', account: '9', username: 'martin', person_key: 'person:martin' },
    { identity_key: 'irc:Urbanecm', system: 'irc', account: 'Urbanecm', person_key: 'person:martin' },
  ]);
  return store;
}

describe('report windows', () => {
  it('sums each window by hand-checked figures', async () => {
    const store = await world();
    const r = await runMetric(windowsReport, { store, clock: () => t('10T00:00:00') }, { since: '2024-12-04', until: '2024-12-06' });
    expect(r.rows.map((x) => x.window_key)).toEqual(['window:late', 'window:morning', 'window:wf']);
    expect(r.rows[0]).toMatchObject({
      syncs: 2, changes: 3, tasks: 2, deployers: 'Urbanecm samtar', self_deploys: 2, span_s: 1200, busy_s: 780,
      requested: 3, requested_deployed: 2, max_patches: 6, failed: 1, aborted: 0, planned_deployers: 'Urbanecm RoanKattouw',
    });
    // the deployer opened window:wf2 during the planned morning window: one row, actual times;
    // deploy g is recorded by shiplog deploy and by the SAL, and counts once
    expect(r.rows[1]).toMatchObject({
      source: 'calendar+workflow', opened_at: t('05T07:02:00'), closed_at: t('05T07:30:00'), syncs: 1, changes: 1,
      requested: 1, requested_deployed: 1, self_deploys: 1,
    });
    expect(r.rows[2]).toMatchObject({ source: 'workflow', syncs: 1, changes: 0, tasks: 1, self_deploys: 0, span_s: 120, busy_s: 120, failed: 0, aborted: 1, requested: 0 });
    await store.close();
  });

  it('lists windows without syncs of other kinds only with all=true', async () => {
    const store = await world();
    const r = await runMetric(windowsReport, { store, clock: () => t('10T00:00:00') }, { since: '2024-12-04', until: '2024-12-05', all: 'true' });
    expect(r.rows.map((x) => [x.window_key, x.syncs])).toEqual([['window:security', 0], ['window:late', 2]]);
    await store.close();
  });
});
