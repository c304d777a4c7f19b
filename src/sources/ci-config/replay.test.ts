// ci-config on a small zuul/layout.yaml history written with git: template lists and
// their facts dated by the commit that changed them, PHP versions following a template's
// jobs, an entry moved from one place to another (a diff touching both), the one-line
// flow form, and the incremental replay equal to reading every version whole.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHistory, type History } from '../../../test/helpers/git-history.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { readChange } from './normalize.ts';
import { ciConfigSource } from './index.ts';
import { applyPatch, parsePatch } from './patch.ts';
import { replayLayout } from './replay.ts';

const v1 = readFileSync(new URL('./fixtures/layout-v1.yaml', import.meta.url), 'utf8');
const archive = (t: string) => t.replace("  - name: mediawiki/extensions/OpenStackManager\n    template:\n      - name: extension-quibble  # runs its tests\n",
  '  - name: mediawiki/extensions/OpenStackManager\n    template:\n      - name: archived\n');
const php81 = (t: string) => t.replaceAll('php74', 'php81');
const move = (t: string) => {
  const block = '  - name: mediawiki/skins/MonoBook\n    template:\n      - name: extension-quibble\n      - name: in-mediawiki-tarball\n';
  return t.replace(`\n${block}`, '\n').replace('projects:\n', `projects:\n${block}\n`);
};

let h: History;
let store: Store;
const sha: Record<string, string> = {};
beforeAll(async () => {
  h = gitHistory('shiplog-ci-');
  sha.v1 = h.commit('2019-01-01T00:00:00Z', 'Add layout', { 'zuul/layout.yaml': v1, 'README': 'x' });
  sha.other = h.commit('2019-02-01T00:00:00Z', 'Unrelated', { 'README': 'y' });
  sha.v2 = h.commit('2024-06-24T18:10:03Z', 'Archive OpenStackManager', { 'zuul/layout.yaml': archive(v1) });
  sha.v3 = h.commit('2024-07-01T00:00:00Z', 'PHP 8.1', { 'zuul/layout.yaml': php81(archive(v1)) });
  sha.v4 = h.commit('2024-08-01T00:00:00Z', 'Move MonoBook', { 'zuul/layout.yaml': move(php81(archive(v1))) });
  store = await openStore(':memory:');
  const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, {
    source: ciConfigSource, config: undefined, paths: [h.dir], options: { name: 'integration/config' },
  });
  expect(s.errors).toEqual([]);
});
afterAll(async () => {
  await store.close();
  h.remove();
});

const series = async (repo: string, fact: string) => (await store.all<{ value: string | null; since: string; until: string | null }>(
  "SELECT value, strftime(since_at, '%Y-%m-%d') AS since, strftime(until_at, '%Y-%m-%d') AS until FROM repo_facts WHERE repo = $1 AND fact = $2 ORDER BY since_at",
  [repo, fact])).map((r) => [r.value, r.since, r.until]);

describe('ci-config', () => {
  it('dates each template change by the commit that made it', async () => {
    const osm = 'mediawiki/extensions/OpenStackManager';
    expect(await series(osm, 'ci.archived')).toEqual([['false', '2019-01-01', '2024-06-24'], ['true', '2024-06-24', null]]);
    expect(await series(osm, 'ci.templates')).toEqual([['extension-quibble', '2019-01-01', '2024-06-24'], ['archived', '2024-06-24', null]]);
    expect(await series(osm, 'ci.php_versions')).toEqual([['7.4', '2019-01-01', '2024-06-24'], [null, '2024-06-24', null]]);
    expect(await series('mediawiki/extensions/Echo', 'ci.wikimedia_deployed')).toEqual([['true', '2019-01-01', null]]);
    expect(await series('mediawiki/extensions/Echo', 'ci.php_versions')).toEqual([['7.4', '2019-01-01', '2024-07-01'], ['8.1', '2024-07-01', null]]);
    expect(await series('mediawiki/extensions/Tiny', 'ci.php_versions')).toEqual([['8.0', '2019-01-01', null]]);
    expect(await series('mediawiki/skins/MonoBook', 'ci.tarball')).toEqual([['true', '2019-01-01', null]]);
    expect(await series('mediawiki/core', 'ci.templates')).toEqual([]); // not an extension or skin
  });

  it('keeps a moved entry and reads the same facts incrementally as version by version', async () => {
    expect(await series('mediawiki/skins/MonoBook', 'ci.templates')).toEqual([['extension-quibble,in-mediawiki-tarball', '2019-01-01', null]]);
    const raws = await store.all<{ raw_id: string; payload: string }>("SELECT raw_id, payload FROM raw_records WHERE kind = 'layout-diff' ORDER BY seq");
    const changes = raws.map((r) => ({ rawId: r.raw_id, change: readChange(r.payload) as Exclude<ReturnType<typeof readChange>, string> }));
    expect(changes.map((c) => c.change.sha)).toEqual([sha.v1, sha.v2, sha.v3, sha.v4]);
    const prefixes = ['mediawiki/extensions/', 'mediawiki/skins/'];
    expect(replayLayout(changes, prefixes).points).toEqual(replayLayout(changes, prefixes, true).points);
  });

  it('reports a diff that does not apply instead of guessing', () => {
    const p = parsePatch('@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    expect(applyPatch(['a', 'x'], p)).toEqual({ error: 'line 2 is "x", the patch expects "b"' });
    expect(applyPatch(['a', 'b', 'z'], p)).toMatchObject({ lines: ['a', 'c', 'z'], removed: [1], added: [1] });
  });
});
