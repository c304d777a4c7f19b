// A hand-made organisation week (2018-03-04 to 2018-03-11) whose pulse was counted by
// hand (pulse.test.ts): two repositories (one known from Gerrit and git, one from git only),
// a person with three accounts joined, deploys of each class, a train with a rollback, an
// incident, and data before the period that decides who is new. The Pulse page's browser
// test reads it too.
import type { Store } from '../../store/index.ts';

export const t = (s: string) => new Date(`2018-03-${s}Z`);
export const NOW = t('20T00:00:00');

export async function seedPulseWorld(store: Store): Promise<Store> {
  const commit = (repo: string, sha: string, at: string, email: string, o: Record<string, unknown> = {}) => ({
    commit_key: `commit:${repo}:${sha}`, repo, sha, is_merge: false, author_name: email.split('@')[0], author_email: email,
    committed_at: t(at), raw_id: `git:commit:${repo}:${sha}#0`, ...o,
  });
  await store.write('commits', [
    commit('config', 'a0', '01T10:00:00', 'old@example.org'), // before the period: old is not new
    commit('config', 'a1', '05T10:00:00', 'old@example.org'),
    commit('config', 'a2', '05T11:00:00', 'Ann@Example.org'),
    commit('config', 'a3', '06T11:00:00', 'ann@example.org'),
    commit('config', 'm1', '06T12:00:00', 'ann@example.org', { is_merge: true, parents: ['a3', 'b1'] }),
    commit('tools', 'b1', '07T09:00:00', 'bob@example.org'),
    commit('tools', 'b2', '12T09:00:00', 'bob@example.org'), // after the period
  ]);
  const change = (num: number, created: string, o: Record<string, unknown> = {}) => ({
    change_key: `change:g:${num}`, host: 'g', number: num, project: 'config', status: 'open', owner: 'gerrit:7', owner_name: 'Ann G',
    created_at: t(created), raw_id: `gerrit-notedb:change:${num}#0`, ...o,
  });
  await store.write('changes', [
    change(1, '04T09:00:00', { status: 'merged', merged_at: t('05T10:00:00') }),
    change(2, '05T09:00:00', { status: 'merged', merged_at: t('06T11:00:00') }),
    change(3, '06T09:00:00', { status: 'abandoned', abandoned_at: t('07T09:00:00'), owner: 'gerrit:9', owner_name: 'Cy' }),
  ]);
  await store.write('identities', [
    { identity_key: 'git:ann@example.org', system: 'git', account: 'ann@example.org', name: 'ann', person_key: 'person:ann' },
    { identity_key: 'gerrit:7', system: 'gerrit', account: '7', name: 'Ann G', person_key: 'person:ann' },
  ]);
  await store.write('people', [{ person_key: 'person:ann', display_name: 'Ann Example' }]);
  await store.write('tasks', [
    { task_key: 'task:T1', task_id: 'T1', restricted: false, created_at: t('02T00:00:00'), closed_at: t('05T00:00:00'), raw_id: 'phabricator:task:T1#0' },
    { task_key: 'task:T2', task_id: 'T2', restricted: false, created_at: t('06T00:00:00'), raw_id: 'phabricator:task:T2#0' },
  ]);
  const dep = (key: string, kind: string, at: string, o: Record<string, unknown> = {}) => ({
    deploy_key: `deploy:sal:${key}`, kind, started_at: t(at), deployer: 'ann', outcome: 'ok', raw_id: `sal:entry:${key}#0`, ...o,
  });
  await store.write('deployments', [
    dep('d1', 'backport', '05T13:00:00'), dep('d2', 'sync-file', '06T13:00:00', { outcome: 'failed', deployer: 'cy' }),
    dep('d3', 'train-promote', '06T20:00:00'), dep('d4', 'cookbook', '07T13:00:00'), dep('d5', 'backport', '15T13:00:00'),
  ]);
  await store.write('identities', [{ identity_key: 'irc:ann', system: 'irc', account: 'ann', name: 'ann', person_key: 'person:ann' }]);
  const ev = (v: string, g: string, kind: string, at: string) => ({
    event_key: `train:${v}/${at}/${g}`, train_key: `train:${v}`, version: v, wiki_group: g, kind, occurred_at: t(at), raw_id: `git:commit:x#${at}`,
  });
  await store.write('train_events', [
    ev('1.31.0-wmf.24', 'group0', 'rollforward', '06T19:00:00'), ev('1.31.0-wmf.24', 'group1', 'rollforward', '07T19:00:00'),
    ev('1.31.0-wmf.24', 'group1', 'rollback', '07T21:00:00'),
  ]);
  await store.write('incidents', [{ incident_key: 'incident:x', title: 'Outage', started_at: t('07T01:00:00'), raw_id: 'incidents:report:x#0' }]);
  await store.upsert('sync_state', [
    { source: 'git', scope: 'config', last_success_at: NOW }, { source: 'gerrit-notedb', scope: 'g', last_success_at: NOW },
    { source: 'phabricator', scope: 'phabricator.example.org', last_success_at: NOW }, { source: 'sal', scope: 'sal', last_success_at: NOW },
    { source: 'incidents', scope: 'wikitech', last_success_at: NOW },
  ]);
  return store;
}

