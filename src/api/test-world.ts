// A small, hand-written world for the API, browser and security tests: a real git
// repository imported through the git source (commits, commit → task links), plus rows
// of the tables other sources fill (changes, tasks, deployments, windows, trains, CI,
// incidents) written with the store's upsert, so the pages have every kind of data
// whichever sources have landed. Subjects and titles carry HTML/XSS payloads on purpose.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { keys } from '../model/ids.ts';
import { openStore, type Store } from '../store/index.ts';
import { rebuildAllRollups } from '../sync/rollups.ts';
import { importPaths } from '../sync/service.ts';

export const XSS = {
  task: '<script>window.__xss=1</script>Crash on save',
  change: '<img src=x onerror="window.__xss=2"> Fix the save button',
  commit: 'Escape <b>bold</b> & "quotes" in subjects',
  person: 'Carol <img src=x onerror="window.__xss=3">',
};
export const NOW = new Date('2024-03-01T12:00:00Z');
const HOST = 'gerrit.wikimedia.org';
const day = (d: number, h = 0) => new Date(Date.UTC(2024, 1, d, h));

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** A repository with three commits on master; the second fixes T100 and names its change. */
export function makeGitRepo(dir: string): string {
  const repo = join(dir, 'Example.git');
  execFileSync('git', ['init', '-q', '-b', 'master', repo]);
  const commits = [
    { at: day(1, 9), subject: 'Initial import', body: '' },
    { at: day(2, 10), subject: XSS.commit, body: '\nBug: T100\nChange-Id: I0000000000000000000000000000000000001001\n' },
    { at: day(3, 11), subject: 'Add tests', body: '\nChange-Id: I0000000000000000000000000000000000001002\n' },
  ];
  commits.forEach((c, i) => {
    writeFileSync(join(repo, `file${i}.txt`), `${i}\n`);
    git(repo, ['add', '.']);
    const when = c.at.toISOString();
    git(repo, ['-c', 'user.name=Alice', '-c', 'user.email=alice@example.org', 'commit', '-q', '-m', `${c.subject}\n${c.body}`], {
      GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when,
    });
  });
  return repo;
}

export async function seedRows(store: Store): Promise<void> {
  const change = keys.change(HOST, 1001);
  const deploy = keys.deploy('sal', 'a1');
  const window = keys.window('2024-02-02-backport-eu');
  await store.write('tasks', [
    { task_key: keys.task(100), task_id: 'T100', title: XSS.task, status: 'resolved', status_class: 'closed', created_at: day(1), closed_at: day(3), projects: ['MediaWiki-Core'], restricted: false },
    { task_key: keys.task(101), task_id: 'T101', title: 'Slow page loads', status: 'open', status_class: 'open', created_at: day(4), projects: ['Performance'], restricted: false },
  ]);
  await store.write('changes', [
    { change_key: change, host: HOST, number: 1001, change_id: 'I0000000000000000000000000000000000001001', project: 'mediawiki/extensions/Example', branch: 'master', subject: XSS.change, owner: 'gerrit:1', owner_name: 'Alice', status: 'merged', original_status: 'MERGED', created_at: day(1, 12), merged_at: day(2, 10), patchset_count: 2, bug_tasks: ['T100'] },
    { change_key: keys.change(HOST, 1002), host: HOST, number: 1002, project: 'mediawiki/core', branch: 'master', subject: 'Refactor the parser', owner: 'gerrit:2', owner_name: 'Bob', status: 'open', original_status: 'NEW', created_at: day(5, 8), patchset_count: 1, bug_tasks: [] },
  ]);
  await store.write('windows', [
    { window_key: window, name: 'European mid-day backport window', kind: 'backport', planned_start: day(2, 12), planned_end: day(2, 13), opened_at: day(2, 12), closed_at: day(2, 13), deployers: ['alice'], source: 'calendar' },
  ]);
  await store.write('deployments', [
    { deploy_key: deploy, kind: 'backport', started_at: day(2, 12), finished_at: day(2, 13), duration_s: 600, deployer: 'alice', host: 'deploy1002', message: `Backport: [[gerrit:1001|${XSS.change}]]`, outcome: 'ok', window_key: window, repo: 'mediawiki/extensions/Example' },
    { deploy_key: keys.deploy('sal', 'a2'), kind: 'sync-file', started_at: day(5, 14), finished_at: day(5, 14), duration_s: 42, deployer: 'bob', host: 'deploy1002', message: 'Synchronized wmf-config/InitialiseSettings.php', outcome: 'ok', repo: 'operations/mediawiki-config' },
    { deploy_key: keys.deploy('sal', 'a3'), kind: 'train-promote', started_at: day(6, 19), finished_at: day(6, 19), duration_s: 300, deployer: 'carol', host: 'deploy1002', message: 'group1 wikis to 1.42.0-wmf.20', outcome: 'failed' },
  ]);
  await store.write('deployment_items', [{ item_key: `${deploy}/1`, deploy_key: deploy, change_number: 1001, change_key: change, task_id: 'T100' }]);
  await store.write('trains', [
    { train_key: keys.train('1.42.0-wmf.20'), version: '1.42.0-wmf.20', first_rollforward_at: day(6, 15), last_rollforward_at: day(8, 19), total_time_s: 187_200, rollbacks: 1, group0_at: day(6, 15), group1_at: day(7, 19), group2_at: day(8, 19), group0_delay_days: 0, group1_delay_days: 0, group2_delay_days: 0, total_delay_days: 0, reached_group2: true },
  ]);
  await store.write('train_events', ['group0', 'group1', 'group2'].map((g, i) => ({
    event_key: `train:1.42.0-wmf.20/abc${i}/${g}`, train_key: keys.train('1.42.0-wmf.20'), version: '1.42.0-wmf.20', wiki_group: g, kind: 'rollforward', occurred_at: day(6 + i, 15 + i),
  })));
  await store.write('incidents', [
    { incident_key: keys.incident('2024-02-06-save'), title: 'Edits failed to save', started_at: day(6, 20), detected_at: day(6, 20), ended_at: day(6, 22), summary: 'A train step broke saving.', tasks: ['T101'] },
  ]);
  await store.write('ci_builds', [
    { build_key: keys.build('jenkins', 'quibble/1'), system: 'jenkins', pipeline: 'gate-and-submit', job: 'quibble', build_number: 1, result: 'failure', duration_s: 900, started_at: day(2, 9), change_key: change, patchset: 2, repo: 'mediawiki/extensions/Example' },
  ]);
  await store.write('test_results', [
    { result_key: 'build:jenkins:quibble/1/unit/SaveTest/testSave#1', build_key: keys.build('jenkins', 'quibble/1'), repo: 'mediawiki/extensions/Example', suite: 'unit', class: 'SaveTest', name: 'testSave', status: 'fail', duration_ms: 12, message: '<i>expected</i> true', run_at: day(2, 9) },
    { result_key: 'build:jenkins:quibble/1/unit/SaveTest/testLoad#1', build_key: keys.build('jenkins', 'quibble/1'), repo: 'mediawiki/extensions/Example', suite: 'unit', class: 'SaveTest', name: 'testLoad', status: 'pass', duration_ms: 3, run_at: day(2, 9) },
  ]);
  await store.write('links', [
    { src_key: deploy, dst_key: change, rule: 'sal-gerrit-ref', evidence: '[[gerrit:1001]] in the SAL line', confidence: 'high', first_seen_at: day(2, 12) },
    { src_key: change, dst_key: keys.task(100), rule: 'change-bug-footer', evidence: 'Bug: T100', confidence: 'high', first_seen_at: day(1, 12) },
    { src_key: deploy, dst_key: window, rule: 'deploy-in-window', evidence: 'started 12:00 inside 12:00–13:00', confidence: 'medium', first_seen_at: day(2, 12) },
    { src_key: keys.incident('2024-02-06-save'), dst_key: keys.deploy('sal', 'a3'), rule: 'time-proximity', evidence: 'deploy 1 h before the incident start', confidence: 'low', first_seen_at: day(6, 20) },
  ]);
  // People: Alice has accounts on three systems; Bob's IRC nick belongs to a merged person
  // whose display name wins; Carol's name carries HTML (shown as text).
  await store.write('people', [{ person_key: keys.person('bob'), display_name: 'Bob Builder' }]);
  await store.write('identities', [
    { identity_key: 'phabricator:PHID-USER-alice', system: 'phabricator', account: 'PHID-USER-alice', name: 'Alice Example', username: 'alice' },
    { identity_key: 'gerrit:1', system: 'gerrit', account: '1', name: 'Alice Example' },
    { identity_key: 'irc:bob', system: 'irc', account: 'bob', name: 'bob', username: 'bob', person_key: keys.person('bob') },
    { identity_key: 'irc:carol', system: 'irc', account: 'carol', name: XSS.person, username: 'carol' },
  ]);
  await store.write('rejects', [
    { reject_id: 'sal:line:99|x', source: 'sal', scope: 'sal', reason: 'unparseable <time> in SAL line', location: 'sal.txt:99', rejected_at: NOW },
  ]);
}

export interface TestWorld {
  store: Store;
  dir: string;
  close(): Promise<void>;
}

/** Opens `dbPath` (default in memory) and fills it with the test world. */
export async function buildTestWorld(dbPath = ':memory:'): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-api-world-'));
  const store = await openStore(dbPath);
  const config = configSchema.parse({});
  const repo = makeGitRepo(dir);
  await importPaths({ store, config, log: silentLogger(), clock: () => NOW, fetch }, 'git', [repo], { name: 'mediawiki/extensions/Example' });
  await seedRows(store);
  await rebuildAllRollups({ store, clock: () => NOW }); // seedRows writes tables directly, not through a source
  return {
    store, dir,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** createApp over a store with test defaults (silent log, fixed clock, one token). */
export async function testApp(store: Store, extra: { webRoot?: string; tokens?: string[] } = {}) {
  const { createApp } = await import('./app.ts');
  return createApp({
    store, config: configSchema.parse({}), log: silentLogger(), clock: () => NOW, fetch,
    tokens: extra.tokens ?? ['test-token-123'], webRoot: extra.webRoot,
  });
}
