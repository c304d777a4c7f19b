// `import extensions` of a small extension history written with git: adoption of
// extension.json, HookHandlers and ESLint root, LibUp and translatewiki commits, a Gerrit
// merge of a human change, a package.json with conflict markers (a reject naming repo,
// commit and file), a dependency removed; resume from the cursor and renormalize give
// the same tables as one import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHistory, LIBUP, L10N, HUMAN, type History } from '../../../test/helpers/git-history.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { renormalize } from '../../sync/renormalize.ts';
import { extensionsSource } from './index.ts';

const REPO = 'mediawiki/extensions/Demo';
const composer = (cs: string) => JSON.stringify({ 'require-dev': { 'mediawiki/mediawiki-codesniffer': cs, 'mediawiki/minus-x': '1.1.0' } }, null, 2);
const manifest = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'Demo', version: '1.0.0', manifest_version: 2, 'license-name': 'GPL-2.0-or-later', requires: { MediaWiki: '>= 1.35.0' }, Hooks: { BeforePageDisplay: 'DemoHooks::onBPD' }, ...extra }, null, '\t');

let h: History;
const sha: Record<string, string> = {};

function build(upTo = Infinity): void {
  const steps: (() => void)[] = [
    () => (sha.root = h.commit('2016-03-01T10:00:00Z', 'Initial', { 'Demo.php': '<?php\n', 'composer.json': composer('0.5.0'), 'tests/phpunit/DemoTest.php': '<?php\n' })),
    () => (sha.reg = h.commit('2017-05-02T10:00:00Z', 'Use extension registration', {
      'extension.json': manifest(), '.eslintrc.json': '{ "root": true, "extends": "wikimedia" }', 'package.json': JSON.stringify({ devDependencies: { grunt: '1.0.1', 'eslint-config-wikimedia': '0.4.0' } }),
    })),
    () => (sha.libup = h.commit('2018-01-03T00:00:00Z', 'build: Updating mediawiki/mediawiki-codesniffer to 28.0.0', { 'composer.json': composer('28.0.0') }, { author: LIBUP })),
    () => (sha.merge = h.merge('2020-10-01T12:00:00Z', 'Use HookHandlers', { 'extension.json': manifest({ HookHandlers: { main: { class: 'DemoHooks' } } }), 'Demo.php': null }, HUMAN)),
    () => (sha.bad = h.commit('2021-01-01T00:00:00Z', 'Oops', { 'package.json': '{\n<<<<<<< HEAD\n"devDependencies": {}\n=======\n>>>>>>> x\n}' })),
    () => (sha.fix = h.commit('2021-01-02T00:00:00Z', 'Fix package.json', { 'package.json': JSON.stringify({ devDependencies: { grunt: '1.0.1', 'eslint-config-wikimedia': '0.20.0' } }) })),
    () => (sha.drop = h.commit('2021-01-05T00:00:00Z', 'Drop grunt', { 'package.json': JSON.stringify({ devDependencies: { 'eslint-config-wikimedia': '0.20.0' } }) })),
    () => (sha.l10n = h.commit('2021-02-01T00:00:00Z', 'Localisation updates from https://translatewiki.net.', { 'i18n/en.json': '{}' }, { author: L10N })),
  ];
  steps.slice(0, upTo).forEach((s) => s());
}

async function importInto(store: Store): Promise<void> {
  const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, {
    source: extensionsSource, config: undefined, paths: [h.dir], options: { name: REPO },
  });
  expect(s.errors).toEqual([]);
}

const facts = (store: Store) => store.all<Record<string, unknown>>(
  "SELECT fact, value, strftime(since_at, '%Y-%m-%d') AS since, strftime(until_at, '%Y-%m-%d') AS until FROM repo_facts ORDER BY fact, since_at");
const tables = async (store: Store) => ({
  facts: await facts(store),
  activity: await store.all('SELECT sha, human, bot, author_name, is_merge, touches_standards FROM repo_activity ORDER BY committed_at'),
  lifecycle: await store.all('SELECT repo, status, last_human_commit_at, last_bot_commit_at FROM repo_lifecycle'),
  rejects: await store.all('SELECT location, reason FROM rejects ORDER BY 1'),
});

let store: Store;
beforeAll(async () => {
  h = gitHistory();
  build();
  store = await openStore(':memory:');
  await importInto(store);
});
afterAll(async () => {
  await store.close();
  h.remove();
});

describe('extensions: facts over time', () => {
  it('dates each adoption by the commit that made it, one row per period', async () => {
    const f = await facts(store);
    const series = (fact: string) => f.filter((r) => r.fact === fact).map((r) => [r.value, r.since, r.until]);
    expect(series('manifest.present')).toEqual([['legacy-php', '2016-03-01', '2017-05-02'], ['extension.json', '2017-05-02', null]]);
    expect(series('manifest.hook_handlers')).toEqual([['false', '2017-05-02', '2020-10-01'], ['true', '2020-10-01', null]]);
    expect(series('manifest.requires_mediawiki')).toEqual([['>= 1.35.0', '2017-05-02', null]]);
    expect(series('dep.mediawiki/mediawiki-codesniffer')).toEqual([['0.5.0', '2016-03-01', '2018-01-03'], ['28.0.0', '2018-01-03', null]]);
    expect(series('dep.grunt')).toEqual([['1.0.1', '2017-05-02', '2021-01-05'], [null, '2021-01-05', null]]);
    expect(series('dep.eslint-config-wikimedia')).toEqual([['0.4.0', '2017-05-02', '2021-01-02'], ['0.20.0', '2021-01-02', null]]);
    expect(series('eslint.root')).toEqual([['true', '2017-05-02', null]]);
    expect(series('tests.phpunit')).toEqual([['true', '2016-03-01', null]]);
    expect(series('tests.selenium')).toEqual([['false', '2016-03-01', null]]);
    expect(series('file.package_lock')).toEqual([['false', '2016-03-01', null]]);
  });

  it('rejects a manifest with conflict markers, naming repository, commit and file, and keeps the facts before it', async () => {
    const r = await store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects');
    expect(r).toEqual([{ location: `${REPO}@${sha.bad}:package.json`, reason: `package.json at commit ${sha.bad} of ${REPO}: merge conflict markers` }]);
  });

  it('classifies commits: LibUp and translatewiki are bots, a Gerrit merge counts as its merged author', async () => {
    const a = await store.all<{ sha: string; human: boolean; bot: string | null; author_name: string; is_merge: boolean }>(
      'SELECT sha, human, bot, author_name, is_merge FROM repo_activity ORDER BY committed_at, is_merge');
    const by = Object.fromEntries(a.map((x) => [x.sha, x]));
    expect(by[sha.libup]).toMatchObject({ human: false, bot: 'libraryupgrader' });
    expect(by[sha.l10n]).toMatchObject({ human: false, bot: 'translatewiki' });
    expect(by[sha.merge]).toMatchObject({ human: true, bot: null, author_name: HUMAN.name, is_merge: true });
    expect(a).toHaveLength(8); // first parent only: the side commit of the merge is not there
    const f = await facts(store);
    expect(f.filter((r) => String(r.fact).startsWith('activity.'))).toEqual([
      { fact: 'activity.last_bot_commit', value: sha.l10n, since: '2021-02-01', until: null },
      { fact: 'activity.last_human_commit', value: sha.drop, since: '2021-01-05', until: null },
    ]);
  });

  it('resumes from its cursor and renormalizes to the same tables', async () => {
    const whole = await tables(store);
    const h2 = h;
    const part = await openStore(':memory:');
    // the same repository seen twice: first up to the merge (a clone at that commit), then whole
    const { execFileSync } = await import('node:child_process');
    const clone = `${h2.dir}-partial`;
    execFileSync('git', ['clone', '--quiet', '--bare', h2.dir, clone]);
    execFileSync('git', ['-C', clone, 'update-ref', 'refs/heads/master', sha.merge]);
    const run = (dir: string) => runSource({ store: part, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, {
      source: extensionsSource, config: undefined, paths: [dir], options: { name: REPO },
    });
    await run(clone);
    execFileSync('git', ['-C', clone, 'fetch', '--quiet', h2.dir, 'master:master']);
    await run(clone);
    expect(await tables(part)).toEqual(whole);
    await renormalize(part, [extensionsSource], () => new Date('2026-01-02T00:00:00Z'));
    expect(await tables(part)).toEqual(whole);
    await part.close();
    execFileSync('rm', ['-rf', clone]);
  });
});
