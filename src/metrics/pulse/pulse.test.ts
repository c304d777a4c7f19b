// A hand-made organisation week whose pulse was counted by hand: two repositories (one
// known from Gerrit and git, one from git only), two people with two accounts joined into
// one, deploys of each class, a train with a rollback, an incident, and data before the
// period that decides who is new.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { pulse } from './pulse.ts';

const t = (s: string) => new Date(`2018-03-${s}Z`);
const NOW = t('20T00:00:00');

async function world() {
  const store = await openStore(':memory:');
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
  ]);
  return store;
}

const pick = (rows: Record<string, unknown>[], section: string) => rows.filter((r) => r.section === section);

describe('report pulse', () => {
  it('counts each figure of the period by its own event time', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-03-04', until: '2018-03-11' });
    const figures = Object.fromEntries(pick(r.rows, 'figures').map((x) => [x.name, x.value]));
    expect(figures).toEqual({
      'changes merged': 2, 'changes opened': 3, 'changes abandoned': 1, 'commits landed': 4, 'merge commits': 1,
      'tasks opened': 1, 'tasks closed': 1, 'train promotions': 2, 'trains promoted': 1, rollbacks: 1, 'trains rolled back': 1,
      incidents: 1, 'deploys (train)': 1, 'deploys (backport/config)': 2, 'deploys (bookkeeping)': 1,
    });
    expect(pick(r.rows, 'deploys').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['backport', 1, 'class backport/config; 1 deployer(s); 0 not ok'],
      ['cookbook', 1, 'class bookkeeping; 1 deployer(s); 0 not ok'],
      ['sync-file', 1, 'class backport/config; 1 deployer(s); 1 not ok'],
      ['train-promote', 1, 'class train; 1 deployer(s); 0 not ok'],
    ]);
    expect(r.metric).toBe('pulse@1');
    await store.close();
  });

  it('ranks repositories and people, joins accounts of one person, and names the new contributors', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-03-04', until: '2018-03-11' });
    expect(pick(r.rows, 'repositories').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['config', 3, '2 merged, 3 opened, 3 commits by 2 author(s)'],
      ['tools', 1, '0 merged, 0 opened, 1 commits by 1 author(s)'],
    ]);
    expect(pick(r.rows, 'people').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['Ann Example', 5, '2 commits, 2 merged, 2 opened, 3 deploys'],
      ['bob', 1, '1 commits, 0 merged, 0 opened, 0 deploys'],
      ['old', 1, '1 commits, 0 merged, 0 opened, 0 deploys'],
      ['cy', 1, '0 commits, 0 merged, 0 opened, 1 deploys'], // the IRC nick: no rule joins it to Gerrit's Cy
      ['Cy', 0, '0 commits, 0 merged, 1 opened, 0 deploys'],
    ]);
    expect(pick(r.rows, 'new contributors').map((x) => x.name)).toEqual(['Ann Example', 'Cy', 'bob']);
    await store.close();
  });

  it('says which figures the loaded data does not cover, and stamps per-source coverage', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-02-20', until: '2018-03-05' });
    const cov = Object.fromEntries(pick(r.rows, 'figures').map((x) => [x.name, x.coverage]));
    expect(cov['changes merged']).toBe('partly covered, its data (gerrit-notedb) begins 2018-03-04');
    expect(cov['tasks opened']).toBe('partly covered, its data (phabricator) begins 2018-03-02');
    expect(cov['commits landed']).toBe('partly covered, its data (git) begins 2018-03-01');
    expect(r.coverage.gaps).toContain('incidents: the period ends before its data begins (incidents: 2018-03-07 to 2018-03-07)');
    const git = r.coverage.sources.find((s) => s.table === 'commits');
    expect(git).toMatchObject({ source: 'git', rows: 7, oldest: t('01T10:00:00'), newest: t('12T09:00:00'), last_collected: NOW });
    await store.close();
  });

  it('defaults to the seven days before now', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => t('12T00:00:00') }, {});
    expect(r.coverage.since).toEqual(t('05T00:00:00'));
    expect(r.coverage.until).toEqual(t('12T00:00:00'));
    await store.close();
  });
});
