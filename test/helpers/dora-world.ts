// The hand-made DORA world: March 2025 (4 weeks), three trains, a handful of backports.
// Its figures are worked out by hand in src/metrics/dora/dora.test.ts; the dora page's
// browser test (test/e2e/web-dora.test.ts) shows the same world.
import { openStore, type Store } from '../../src/store/index.ts';

const t = (s: string) => new Date(`2025-03-${s}Z`);

export async function doraWorld(): Promise<Store> {
  const store = await openStore(':memory:');
  const V = (n: number) => `1.44.0-wmf.${n}`;
  await store.write('trains', [
    { train_key: `train:${V(1)}`, version: V(1), first_rollforward_at: t('04T20:00:00'), group0_at: t('04T20:00:00'), group1_at: t('05T20:00:00'), group2_at: t('06T20:00:00'), rollbacks: 0 },
    { train_key: `train:${V(2)}`, version: V(2), first_rollforward_at: t('11T20:00:00'), group0_at: t('11T20:00:00'), group1_at: t('13T10:00:00'), group2_at: t('13T20:00:00'), rollbacks: 1 },
    { train_key: `train:${V(3)}`, version: V(3), first_rollforward_at: t('18T20:00:00'), group0_at: t('18T20:00:00'), group1_at: t('19T20:00:00'), group2_at: t('20T20:00:00'), rollbacks: 0 },
  ]);
  const ev = (v: number, group: string, kind: string, at: string) => ({
    event_key: `train:${V(v)}/${at}/${group}`, train_key: `train:${V(v)}`, version: V(v), wiki_group: group, kind, occurred_at: t(at), commit_key: `commit:c:${at}`,
  });
  await store.write('train_events', [
    ev(1, 'group0', 'rollforward', '04T20:00:00'), ev(1, 'group1', 'rollforward', '05T20:00:00'), ev(1, 'group2', 'rollforward', '06T20:00:00'),
    ev(2, 'group0', 'rollforward', '11T20:00:00'), ev(2, 'group1', 'rollforward', '12T20:00:00'), ev(2, 'group1', 'rollback', '12T22:00:00'),
    ev(2, 'group1', 'rollforward', '13T10:00:00'), ev(2, 'group2', 'rollforward', '13T20:00:00'),
    ev(3, 'group0', 'rollforward', '18T20:00:00'), ev(3, 'group1', 'rollforward', '19T20:00:00'), ev(3, 'group2', 'rollforward', '20T20:00:00'),
  ]);
  const ch = (n: number, project: string, branch: string, created: string, merged: string, o: Record<string, unknown> = {}) => ({
    change_key: `change:g:${n}`, host: 'g', number: n, project, branch, status: 'merged', created_at: t(created), merged_at: t(merged), ...o,
  });
  await store.write('changes', [
    ch(1, 'mediawiki/core', 'master', '05T00:00:00', '06T00:00:00'), // V2: review 24 h, wait 122 h, total 188 h
    ch(2, 'mediawiki/core', 'master', '10T00:00:00', '11T01:00:00'), // V2: 25 h, 1 h, 67 h
    ch(3, 'mediawiki/extensions/Echo', 'master', '12T00:00:00', '12T12:00:00'), // V3: 12 h, 152 h, 200 h
    ch(4, 'mediawiki/core', 'master', '01T00:00:00', '01T01:00:00'), // before the first cut
    ch(5, 'mediawiki/core', 'master', '21T00:00:00', '21T01:00:00'), // after the last cut
    ch(6, 'mediawiki/services/x', 'master', '05T00:00:00', '06T00:00:00'), // not on the train
    ch(7, 'mediawiki/extensions/Gone', 'master', '05T00:00:00', '06T00:00:00'), // not deployed
    ch(50, 'mediawiki/core', `wmf/${V(2)}`, '11T02:00:00', '11T03:00:00'), // V2's branch exists at 02:00: its cut
    ch(101, 'operations/mediawiki-config', 'master', '05T10:00:00', '05T13:00:00', { change_id: 'Iabc', bug_tasks: ['T1'] }),
    ch(102, 'mediawiki/core', `wmf/${V(1)}`, '06T05:00:00', '06T07:00:00', { bug_tasks: ['T2'] }),
    ch(103, 'mediawiki/core', `wmf/${V(1)}`, '06T06:00:00', '06T07:00:00', { bug_tasks: ['T3'] }),
    ch(104, 'operations/mediawiki-config', 'master', '20T09:00:00', '20T15:00:00', { change_id: 'Ixyz' }), // m2's, known by Change-Id only
  ]);
  await store.write('repos', [{ repo_key: 'repo:mediawiki/extensions/Gone', name: 'mediawiki/extensions/Gone', deployed: false }]);
  const dep = (key: string, kind: string, at: string, o: Record<string, unknown> = {}) => ({ deploy_key: key, kind, started_at: t(at), deployer: 'alice', ...o });
  await store.write('deployments', [
    dep('deploy:sal:s1', 'backport', '05T13:10:00', { window_key: 'window:w1' }),
    dep('deploy:sal:s2', 'backport', '06T07:30:00', { window_key: 'window:w2' }),
    dep('deploy:sal:s3', 'backport', '06T08:00:00'),
    dep('deploy:workflow:s3', 'backport', '06T07:59:40', { finished_at: t('06T08:10:00') }),
    dep('deploy:sal:s4', 'sync-file', '07T09:00:00'),
    dep('deploy:git:m1', 'config-merge', '05T13:00:00'),
    dep('deploy:git:m2', 'config-merge', '20T15:00:00'),
    dep('deploy:sal:k1', 'cookbook', '07T10:00:00'),
    dep('deploy:sal:p1', 'train-promote', '04T20:00:00'),
  ]);
  const item = (key: string, n: number, o: Record<string, unknown>) => ({ item_key: `${key}/${n}`, deploy_key: key, ...o });
  await store.write('deployment_items', [
    item('deploy:sal:s1', 1, { change_number: 101 }), item('deploy:sal:s2', 1, { change_number: 102 }),
    item('deploy:sal:s3', 1, { change_number: 103 }), item('deploy:workflow:s3', 1, { change_number: 103 }),
    item('deploy:git:m1', 1, { change_id: 'Iabc' }), item('deploy:git:m2', 1, { change_id: 'Ixyz' }),
  ]);
  await store.write('windows', [
    { window_key: 'window:w1', kind: 'backport', requested_changes: [101] },
    { window_key: 'window:w2', kind: 'backport', requested_changes: [999] },
  ]);
  const task = (id: string, subtype: string) => ({ task_key: `task:${id}`, task_id: id, subtype, restricted: false });
  await store.write('tasks', [task('T1', 'bug'), task('T2', 'bug'), task('T3', 'default'),
    // V2's release task and one blocker filed under it (the train page lists them)
    { ...task('T800', 'release'), title: `${V(2)} deployment blockers`, release_version: V(2) }, { ...task('T801', 'default'), title: 'Fatal on save', status: 'resolved' }]);
  await store.write('links', [{ src_key: 'task:T801', dst_key: 'task:T800', rule: 'subtask', confidence: 'high' }]);
  // the commit that rolled V2 back from group1 names T900, and so does the incident it answered
  await store.write('commits', [{ commit_key: 'commit:c:12T22:00:00', repo: 'operations/mediawiki-config', sha: 'r1', subject: `Revert "group1 to ${V(2)}"`, bug_tasks: ['T900'] }]);
  await store.write('incidents', [
    { incident_key: 'incident:I1', started_at: t('06T08:30:00'), ended_at: t('06T10:30:00') },
    { incident_key: 'incident:I2', title: 'Save failures on group1', started_at: t('12T21:00:00'), ended_at: t('12T22:05:00'), tasks: ['T900'] },
  ]);
  await store.write('links', [{ src_key: 'incident:I1', dst_key: 'deploy:workflow:s3', rule: 'incident-reference', confidence: 'high' }]);
  const line = (n: number, at: string, text: string, marks: string | null) => ({
    line_key: `incident:I2/${n}`, incident_key: 'incident:I2', seq: n, occurred_at: t(at), text, line: `* ${at.slice(3, 8)} ${text}`, marks,
  });
  await store.write('incident_timeline', [
    line(1, '12T21:00:00', 'OUTAGE BEGINS: save fails on group1 wikis', 'start'), line(2, '12T21:10:00', 'paged', 'detection'),
    line(3, '12T22:00:00', 'rolled back group1', null), line(4, '12T22:05:00', 'OUTAGE ENDS', 'end'),
  ]);
  return store;
}

