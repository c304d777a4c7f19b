// `import sal` end to end on real-format fixtures of every file format: every entry lands
// in log_entries (none dropped, duplicates on one day kept apart), unreadable items are
// rejects naming file:line, and scap lines pair into deployments with items and links.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { renormalize } from '../../sync/renormalize.ts';
import { salSource } from './index.ts';

const FIX = join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-01-01T00:00:00Z');

async function importFiles(store: Store, files: string[], options: Record<string, unknown> = {}) {
  return runSource(
    { store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch },
    { source: salSource, config: undefined, paths: files.map((f) => join(FIX, f)), options },
  );
}

describe('import sal', () => {
  it('reads NDJSON stashbot docs, both timestamp forms, the old logmsgbot user, and rejects a doc without @timestamp', async () => {
    const store = await openStore(':memory:');
    const s = await importFiles(store, ['sal-docs.ndjson']);
    expect(s.errors).toEqual([]);
    const rows = await store.all<Record<string, unknown>>('SELECT logged_at, nick, user_name, host, kind, message, project, channel FROM log_entries ORDER BY logged_at');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ logged_at: new Date('2014-09-18T23:10:44Z'), nick: 'logmsgbot', user_name: 'reedy', host: null, kind: 'sync-file' });
    expect(rows[0].message).toMatch(/^Synchronized wmf-config/);
    expect(rows[2]).toMatchObject({ nick: 'urbanecm@deploy1002', user_name: 'urbanecm', host: 'deploy1002', kind: 'sync-start', channel: '#wikimedia-operations' });
    expect(rows.map((r) => r.kind)).toEqual(['sync-file', 'other', 'sync-start', 'failed', 'window-end']);
    const rejects = await store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects');
    expect(rejects).toEqual([{ location: `${join(FIX, 'sal-docs.ndjson')}:6`, reason: 'no readable @timestamp (null)' }]);
    const deps = await store.all<Record<string, unknown>>('SELECT kind, outcome, deployer, duration_s, started_at FROM deployments ORDER BY started_at');
    expect(deps).toEqual([
      { kind: 'sync-file', outcome: 'ok', deployer: 'reedy', duration_s: 5, started_at: new Date('2014-09-18T23:10:39Z') },
      { kind: 'backport', outcome: 'failed', deployer: 'urbanecm', duration_s: 251, started_at: new Date('2022-06-01T13:02:11Z') },
    ]);
    await store.close();
  });

  it('reads a search response with hits and a JSON array, keeping the ES _id as the entry id', async () => {
    const store = await openStore(':memory:');
    await importFiles(store, ['sal-search-response.json', 'sal-docs-array.json']);
    const keys = (await store.all<{ entry_key: string }>('SELECT entry_key FROM log_entries ORDER BY logged_at')).map((r) => r.entry_key);
    expect(keys).toHaveLength(5);
    expect(keys).toContain('sal:ZoACxowBGiVuUzOdxE_Z');
    const deps = await store.all<Record<string, unknown>>('SELECT deploy_key, kind, outcome, repo, duration_s, deployer, message FROM deployments ORDER BY started_at');
    expect(deps).toEqual([
      { deploy_key: 'deploy:sal:YoACxowBGiVuUzOdlE8a', kind: 'scap3-deploy', outcome: 'ok', repo: 'airflow-dags/analytics', duration_s: 31, deployer: 'joal', message: 'Fix monthly job [airflow-dags/analytics@8b8a4567]' },
      expect.objectContaining({ kind: 'cookbook', outcome: 'ok', duration_s: 480, deployer: 'cumin1002' }),
      expect.objectContaining({ kind: 'train-promote', outcome: 'ok', deployer: 'brennen' }),
    ]);
    const items = await store.all<Record<string, unknown>>("SELECT task_id, version, wiki_group FROM deployment_items WHERE deploy_key IN (SELECT deploy_key FROM deployments WHERE kind = 'train-promote') ORDER BY item_key");
    expect(items).toEqual([{ task_id: 'T366950', version: null, wiki_group: null }, { task_id: null, version: '1.43.0-wmf.12', wiki_group: 'group1' }]);
    await store.close();
  });

  it('reads a wikitech archive page: template and plain lines, old logmsgbot lines, duplicates kept, stray lines rejected', async () => {
    const store = await openStore(':memory:');
    const file = join(FIX, 'Server_Admin_Log-Archive.wiki');
    await importFiles(store, ['Server_Admin_Log-Archive.wiki'], { project: 'production' });
    const rows = await store.all<Record<string, unknown>>('SELECT logged_at, nick, user_name, host, kind, project FROM log_entries ORDER BY logged_at, entry_key');
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.kind === 'sync-file-legacy')).toHaveLength(2);
    expect(rows.at(-1)).toMatchObject({ logged_at: new Date('2016-11-23T23:42:00Z'), nick: 'thcipriani@tin', user_name: 'thcipriani', host: 'tin', kind: 'sync-file', project: 'production' });
    expect(rows.find((r) => r.kind === 'window-start')).toMatchObject({ user_name: 'thcipriani' });
    const rejects = await store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects');
    expect(rejects).toEqual([{ location: `${file}:6`, reason: 'not a SAL entry line (expected "* HH:MM nick: message")' }]);
    const deps = await store.all<Record<string, unknown>>('SELECT kind, outcome, deployer, duration_s, message FROM deployments ORDER BY started_at, deploy_key');
    expect(deps.map((d) => [d.kind, d.deployer, d.duration_s])).toEqual([
      ['sync-file', 'catrope', null], ['sync-file', 'catrope', null], ['train-promote', 'aaron', null], ['train-promote', 'reedy', 1802], ['sync-file', 'thcipriani', 47],
    ]);
    const links = await store.all<Record<string, unknown>>('SELECT dst_key, rule FROM links ORDER BY dst_key');
    expect(links).toEqual([
      { dst_key: 'change:gerrit.wikimedia.org:323207', rule: 'sal-gerrit-markup' },
      { dst_key: 'task:T151190', rule: 'sal-task-ref' },
    ]);
    await store.close();
  });

  it('reads sal.toolforge.org HTML and Atom pages into the same entries, ids from the permalinks', async () => {
    const store = await openStore(':memory:');
    await importFiles(store, ['sal-production.html']);
    const html = await store.all<Record<string, unknown>>('SELECT entry_key, logged_at, nick, message, project, kind FROM log_entries ORDER BY logged_at');
    expect(html).toHaveLength(3);
    expect(html[2]).toEqual({
      entry_key: 'sal:2UkrtpMBKFqumxvtMweK', logged_at: new Date('2024-12-05T14:41:00Z'), nick: 'samtar@deploy2002',
      message: "Finished scap sync-world: Backport for [[gerrit:1101577|Add Atieno's public key]] (duration: 08m 47s)", project: 'production', kind: 'sync-finish',
    });
    expect(html[0]).toMatchObject({ message: 'UTC late backport window done & closed', kind: 'window-end', logged_at: new Date('2024-12-04T23:59:00Z') });
    await importFiles(store, ['sal-production.atom']);
    const atom = await store.all<Record<string, unknown>>("SELECT logged_at, project FROM log_entries WHERE entry_key = 'sal:2UkrtpMBKFqumxvtMweK'");
    expect(atom).toEqual([{ logged_at: new Date('2024-12-05T14:41:12Z'), project: 'production' }]);
    const [dep] = await store.all<Record<string, unknown>>('SELECT kind, outcome, duration_s FROM deployments');
    expect(dep).toEqual({ kind: 'backport', outcome: 'ok', duration_s: 527 });
    await store.close();
  });

  it('re-pairs when a Started arrives after its Finished: the end-only deployment is dropped with its items and links', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sal-late-start-'));
    const doc = (id: string, at: string, message: string) => JSON.stringify({ _id: id, _source: { '@timestamp': at, nick: 'samtar@deploy2002', message } });
    await writeFile(join(dir, 'finish.ndjson'), doc('fin', '2024-12-05T14:41:00Z', 'Finished scap sync-world: Backport for [[gerrit:1101577|Add key (T1)]] (duration: 08m 47s)'));
    await writeFile(join(dir, 'start.ndjson'), doc('sta', '2024-12-05T14:32:10Z', 'Started scap sync-world: Backport for [[gerrit:1101577|Add key (T1)]]'));
    const store = await openStore(':memory:');
    const run = (file: string) => runSource({ store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch },
      { source: salSource, config: undefined, paths: [join(dir, file)], options: {} });
    await run('finish.ndjson');
    expect(await store.all('SELECT deploy_key, started_at FROM deployments')).toEqual([{ deploy_key: 'deploy:sal:fin', started_at: new Date('2024-12-05T14:32:13Z') }]);
    await run('start.ndjson');
    expect(await store.all('SELECT deploy_key, started_at FROM deployments')).toEqual([{ deploy_key: 'deploy:sal:sta', started_at: new Date('2024-12-05T14:32:10Z') }]);
    expect((await store.all<{ deploy_key: string }>('SELECT DISTINCT deploy_key FROM deployment_items')).map((r) => r.deploy_key)).toEqual(['deploy:sal:sta']);
    expect((await store.all<{ src_key: string }>('SELECT DISTINCT src_key FROM links')).map((r) => r.src_key)).toEqual(['deploy:sal:sta']);
    await store.close();
  });

  it('re-reads nothing while the files are unchanged, and only stores what is new once one changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sal-cursor-'));
    const file = join(dir, 'sal.ndjson');
    const doc = (id: string, at: string) => `${JSON.stringify({ _id: id, _source: { '@timestamp': at, nick: 'a', message: 'm' } })}\n`;
    await writeFile(file, doc('one', '2024-01-01T00:00:00Z'));
    const store = await openStore(':memory:');
    const run = () => runSource({ store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch },
      { source: salSource, config: undefined, paths: [file], options: {} });
    expect((await run()).seen).toBe(1);
    expect((await run()).seen).toBe(0);
    await writeFile(file, doc('one', '2024-01-01T00:00:00Z') + doc('two', '2024-01-01T00:01:00Z'));
    const third = await run();
    expect([third.seen, third.raw]).toEqual([2, 1]);
    await store.close();
  });

  it('renormalize from raw gives the same tables, and a re-import adds nothing', async () => {
    const store = await openStore(':memory:');
    const files = ['sal-docs.ndjson', 'Server_Admin_Log-Archive.wiki', 'sal-docs-array.json'];
    await importFiles(store, files);
    const snapshot = async () => ({
      e: await store.all('SELECT * FROM log_entries ORDER BY entry_key'),
      d: await store.all('SELECT * FROM deployments ORDER BY deploy_key'),
      i: await store.all('SELECT * FROM deployment_items ORDER BY item_key'),
      l: await store.all('SELECT * FROM links ORDER BY src_key, dst_key'),
    });
    const before = await snapshot();
    const again = await importFiles(store, files);
    expect(again.raw).toBe(0);
    await renormalize(store, [salSource], () => NOW);
    expect(await snapshot()).toEqual(before);
    await store.close();
  });
});
