// `import git` of a small operations/mediawiki-config-like repository written with git
// itself: wikiversions.dat then .json, a train with a rollback and a broken-JSON commit,
// config changes with Bug:/Change-Id footers; a mirror with a missing blob; renormalize.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { renormalize } from '../../sync/renormalize.ts';
import { gitSource } from './index.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function gitRepo(): { dir: string; commit: (iso: string, msg: string, files: Record<string, string | null>) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-mwconfig-'));
  dirs.push(dir);
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  git(['init', '--quiet', '--initial-branch=master']);
  const commit = (iso: string, msg: string, files: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) git(['rm', '--quiet', path]);
      else {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), content);
        git(['add', path]);
      }
    }
    const who = { GIT_AUTHOR_NAME: 'Deployer', GIT_AUTHOR_EMAIL: 'Deployer@example.org', GIT_COMMITTER_NAME: 'jenkins-bot', GIT_COMMITTER_EMAIL: 'jenkins-bot@example.org' };
    git(['commit', '--quiet', '-m', msg], { ...who, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso });
    return git(['rev-parse', 'HEAD']);
  };
  return { dir, commit };
}

const json = (v: Record<string, string>) => `{\n${Object.entries(v).map(([w, x]) => `    "${w}": "php-${x}"`).join(',\n')}\n}\n`;
const W4 = '1.37.0-wmf.4';
const W5 = '1.37.0-wmf.5';
const state = (t: string, m: string, c: string, e: string) => ({ testwiki: t, mediawikiwiki: m, commonswiki: c, enwiki: e });
const cid = (n: number) => `Change-Id: I${String(n).repeat(40).slice(0, 40)}`;

async function importRepo(dir: string, store?: Store) {
  const d = { store: store ?? (await openStore(':memory:')), log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch };
  const summary = await runSource(d, { source: gitSource, config: undefined, paths: [dir], options: { name: 'operations/mediawiki-config' } });
  return { store: d.store, summary };
}

describe('import git of operations/mediawiki-config', () => {
  const repo = gitRepo();
  const sha: Record<string, string> = {};
  sha.dat = repo.commit('2021-05-10T10:00:00Z', 'Add dblists and wikiversions.dat', {
    'wikiversions.dat': 'testwiki php-1.37.0-wmf.4\nmediawikiwiki php-1.37.0-wmf.4\ncommonswiki php-1.37.0-wmf.4\nenwiki php-1.37.0-wmf.4\n',
  });
  sha.json = repo.commit('2021-05-10T11:00:00Z', 'Switch from dat to json', { 'wikiversions.json': json(state(W4, W4, W4, W4)), 'wikiversions.dat': null });
  sha.test = repo.commit('2021-05-11T15:00:00Z', `testwikis wikis to ${W5}\n\nBug: T281146\n${cid(1)}`, { 'wikiversions.json': json(state(W5, W4, W4, W4)) });
  sha.g0 = repo.commit('2021-05-11T19:00:00Z', `group0 wikis to ${W5}\n\nBug: T281146\n${cid(2)}`, { 'wikiversions.json': json(state(W5, W5, W4, W4)) });
  sha.g1 = repo.commit('2021-05-12T19:00:00Z', `group1 wikis to ${W5}\n\nBug: T281146\n${cid(3)}`, { 'wikiversions.json': json(state(W5, W5, W5, W4)) });
  sha.back = repo.commit('2021-05-12T21:00:00Z', `Rollback group1 to ${W4}\n\n${cid(4)}`, { 'wikiversions.json': json(state(W5, W5, W4, W4)) });
  sha.g1again = repo.commit('2021-05-13T19:00:00Z', `group1 wikis to ${W5}\n\nBug: T281146\n${cid(5)}`, { 'wikiversions.json': json(state(W5, W5, W5, W4)) });
  sha.broken = repo.commit('2021-05-17T19:00:00Z', `all wikis to ${W5}\n\nBug: T281146\n${cid(6)}`, {
    'wikiversions.json': json(state(W5, W5, W5, W5)).replace('{\n', '{\n<<<<<<< HEAD\n'),
  });
  sha.fix = repo.commit('2021-05-17T19:05:00Z', `Fix wikiversions.json\n\n${cid(7)}`, { 'wikiversions.json': json(state(W5, W5, W5, W5)) });
  sha.config = repo.commit('2021-05-18T09:00:00Z', `Enable Foo on testwiki\n\nBug: T1\nBug: T2\n${cid(8)}`, { 'wmf-config/InitialiseSettings.php': '<?php\n' });

  it('derives the train, its events and its rollback from the wikiversions diffs', async () => {
    const { store, summary } = await importRepo(repo.dir);
    expect(summary.errors).toEqual([]);
    const [train] = await store.all<Record<string, unknown>>('SELECT * EXCLUDE (raw_id) FROM trains');
    expect(train).toEqual({
      train_key: `train:${W5}`, version: W5,
      first_rollforward_at: new Date('2021-05-11T15:00:00Z'), last_rollforward_at: new Date('2021-05-17T19:00:00Z'),
      total_time_s: 6 * 86400 + 4 * 3600, rollbacks: 1, rollbacks_time_s: 22 * 3600,
      group0_at: new Date('2021-05-11T19:00:00Z'), group1_at: new Date('2021-05-13T19:00:00Z'), group2_at: new Date('2021-05-17T19:00:00Z'),
      group0_delay_days: 0, group1_delay_days: 1, group2_delay_days: 4, total_delay_days: 5, reached_group2: true, blocker_task: 'T281146',
    });
    const events = await store.all<{ e: string }>(
      "SELECT kind || ' ' || wiki_group || ' ' || substr(commit_key, 36, 7) AS e FROM train_events ORDER BY occurred_at, wiki_group");
    expect(events.map((r) => r.e)).toEqual([
      `rollforward testwikis ${sha.test.slice(0, 7)}`, `rollforward group0 ${sha.g0.slice(0, 7)}`, `rollforward group1 ${sha.g1.slice(0, 7)}`,
      `rollback group1 ${sha.back.slice(0, 7)}`, `rollforward group1 ${sha.g1again.slice(0, 7)}`, `rollforward group2 ${sha.broken.slice(0, 7)}`,
    ]);
    const rejects = await store.all<{ reason: string }>('SELECT reason FROM rejects');
    expect(rejects).toEqual([{ reason: expect.stringMatching(new RegExp(`^${sha.broken}:wikiversions\\.json:2: not a flat JSON object`)) }]);
  });

  it('makes every first-parent commit a config-merge deployment with its change and tasks', async () => {
    const { store } = await importRepo(repo.dir);
    const deploys = await store.all<Record<string, unknown>>(
      "SELECT deploy_key, started_at, deployer, outcome, message FROM deployments WHERE kind = 'config-merge' ORDER BY started_at");
    expect(deploys).toHaveLength(10);
    expect(deploys.at(-1)).toEqual({
      deploy_key: `deploy:git:${sha.config}`, started_at: new Date('2021-05-18T09:00:00Z'), deployer: 'git:deployer@example.org',
      outcome: 'ok', message: 'Enable Foo on testwiki',
    });
    const items = await store.all('SELECT item_key, change_id, change_number, task_id FROM deployment_items WHERE deploy_key = $1 ORDER BY item_key', [`deploy:git:${sha.config}`]);
    expect(items).toEqual([
      { item_key: `deploy:git:${sha.config}/1`, change_id: `I${'8'.repeat(40)}`, change_number: null, task_id: null },
      { item_key: `deploy:git:${sha.config}/2`, change_id: null, change_number: null, task_id: 'T1' },
      { item_key: `deploy:git:${sha.config}/3`, change_id: null, change_number: null, task_id: 'T2' },
    ]);
    expect(await store.all("SELECT dst_key, evidence FROM links WHERE rule = 'config-deploy' AND src_key = $1 ORDER BY dst_key", [`deploy:git:${sha.config}`]))
      .toEqual([{ dst_key: 'task:T1', evidence: 'Bug: T1' }, { dst_key: 'task:T2', evidence: 'Bug: T2' }]);
  });

  it('fills the change number once the change is known, and rebuilds the same rows from raw', async () => {
    const { store } = await importRepo(repo.dir);
    await store.write('changes', [{ change_key: 'change:gerrit.wikimedia.org:700001', host: 'gerrit.wikimedia.org', number: 700001,
      change_id: `I${'8'.repeat(40)}`, project: 'operations/mediawiki-config', branch: 'master', status: 'merged' }]);
    const before = await store.all('SELECT * FROM trains');
    const events = await store.all('SELECT * FROM train_events ORDER BY event_key');
    await renormalize(store, [gitSource as never], () => new Date('2026-01-02T00:00:00Z'));
    expect(await store.all('SELECT * FROM trains')).toEqual(before);
    expect(await store.all('SELECT * FROM train_events ORDER BY event_key')).toEqual(events);
    expect(await store.all('SELECT change_number, change_key FROM deployment_items WHERE item_key = $1', [`deploy:git:${sha.config}/1`]))
      .toEqual([{ change_number: 700001, change_key: 'change:gerrit.wikimedia.org:700001' }]);
    expect(await store.all("SELECT src_key, dst_key, evidence, confidence FROM links WHERE rule = 'config-deploy-change'")).toEqual([{
      src_key: `deploy:git:${sha.config}`, dst_key: 'change:gerrit.wikimedia.org:700001', evidence: `Change-Id: I${'8'.repeat(40)}`, confidence: 'high',
    }]);
  });

  it('is incremental: a second import of the same tip adds nothing', async () => {
    const { store } = await importRepo(repo.dir);
    const trains = await store.all('SELECT * FROM trains');
    const { summary } = await importRepo(repo.dir, store);
    expect(summary.raw).toBe(0);
    expect(summary.tables.trains ?? { new: 0, updated: 0 }).toMatchObject({ new: 0, updated: 0 });
    expect(summary.tables.deployments ?? { new: 0, updated: 0 }).toMatchObject({ new: 0, updated: 0 });
    expect(await store.all('SELECT * FROM trains')).toEqual(trains);
    // a new config commit (this also checks that a fast `git log` of one commit is read whole)
    const next = repo.commit('2021-05-19T09:00:00Z', `Enable Bar\n\nBug: T3\n${cid(9)}`, { 'wmf-config/InitialiseSettings.php': '<?php // bar\n' });
    const third = await importRepo(repo.dir, store);
    expect(third.summary.tables.deployments).toMatchObject({ new: 1, updated: 0 });
    expect(third.summary.tables.trains ?? { new: 0, updated: 0 }).toMatchObject({ new: 0, updated: 0 });
    expect(await store.all('SELECT * FROM trains')).toEqual(trains);
    expect(await store.all('SELECT task_id FROM deployment_items WHERE deploy_key = $1 AND task_id IS NOT NULL', [`deploy:git:${next}`])).toEqual([{ task_id: 'T3' }]);
  });

  it('deletes the deployment of a commit that left the first-parent line (history rewritten)', async () => {
    const { store } = await importRepo(repo.dir);
    const dropped = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    execFileSync('git', ['-C', repo.dir, 'reset', '--quiet', '--hard', 'HEAD~1']);
    const replaced = repo.commit('2021-05-19T10:00:00Z', `Enable Baz\n\n${cid(10)}`, { 'wmf-config/Other.php': '<?php\n' });
    await importRepo(repo.dir, store);
    const keys = (await store.all<{ k: string }>("SELECT deploy_key AS k FROM deployments WHERE kind = 'config-merge'")).map((r) => r.k);
    expect(keys).toContain(`deploy:git:${replaced}`);
    expect(keys).not.toContain(`deploy:git:${dropped}`);
    expect(await store.all('SELECT count(*) AS n FROM deployment_items WHERE deploy_key = $1', [`deploy:git:${dropped}`])).toEqual([{ n: 0 }]);
  });
});

describe('a mirror with a missing wikiversions blob', () => {
  it('rejects the commit naming its sha and path, and keeps importing', async () => {
    const repo = gitRepo();
    repo.commit('2021-05-10T10:00:00Z', 'init', { 'wikiversions.json': json(state(W4, W4, W4, W4)) });
    const lost = repo.commit('2021-05-11T15:00:00Z', 'testwikis wikis to 1.37.0-wmf.5', { 'wikiversions.json': json(state(W5, W4, W4, W4)) });
    repo.commit('2021-05-11T19:00:00Z', 'group0 wikis to 1.37.0-wmf.5', { 'wikiversions.json': json(state(W5, W5, W4, W4)) });
    const blob = execFileSync('git', ['-C', repo.dir, 'rev-parse', `${lost}:wikiversions.json`], { encoding: 'utf8' }).trim();
    unlinkSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const { store, summary } = await importRepo(repo.dir);
    expect(summary.errors).toEqual([]);
    expect(await store.all('SELECT reason, location FROM rejects')).toEqual([{
      reason: `blob ${blob} of wikiversions.json at commit ${lost} is missing from the mirror`,
      location: `${repo.dir}#${lost}:wikiversions.json`,
    }]);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM commits');
    expect(n).toBe(3);
    // the commit after the hole has no known "before", so it is not guessed at
    expect(await store.all('SELECT count(*) AS n FROM train_events')).toEqual([{ n: 0 }]);
  });
});
