// The HTTP path against a real clickhouse-server (Debian's 18.16, started on loopback here),
// and a two-shard cluster (ZooKeeper and two servers on loopback): ON CLUSTER DDL,
// ReplicatedMergeTree, a Distributed test_results sharded by test, upsert tables replicated to
// every node. 18.16 lacks today's SQL (no CTEs, window functions, DateTime64, lightweight
// DELETE): what runs here is the write path, counts and per-repo failure aggregates.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { clusterMissing, PASSWORD, serverMissing, startCluster, startServer } from '../helpers/clickhouse-server.ts';

const results = (n: number, raw: string) => Array.from({ length: n }, (_, i) => ({
  result_key: `build:junit:${raw}/s/C/t${i}#1`, build_key: `build:junit:${raw}`, repo: `repo${i % 3}`, suite: 's', class: 'C',
  name: `t${i}`, status: i % 10 === 0 ? 'fail' : 'pass', duration_ms: i, run_at: new Date(Date.UTC(2024, 0, 1, 0, i % 60)), raw_id: raw,
}));

const PER_REPO = 'SELECT repo, count() AS runs, countIf(status = $1) AS failed FROM test_results GROUP BY repo ORDER BY repo';

/** The per-repo figures worked out from the rows themselves. */
function perRepo(rows: { repo: string; status: string }[]): { repo: string; runs: number; failed: number }[] {
  const by = new Map<string, { repo: string; runs: number; failed: number }>();
  for (const r of rows) {
    const e = by.get(r.repo) ?? { repo: r.repo, runs: 0, failed: 0 };
    e.runs++;
    if (r.status === 'fail') e.failed++;
    by.set(r.repo, e);
  }
  return [...by.values()].sort((a, b) => a.repo.localeCompare(b.repo));
}

describe.skipIf(serverMissing())(`ClickHouse server over HTTP${serverMissing() ? ` (skipped: ${serverMissing()})` : ''}`, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  const open = () => openStore('server', { engine: 'clickhouse', clickhouse: { url: server.url, password: PASSWORD, database: 'shiplog_http' } });
  beforeAll(async () => {
    server = await startServer(mkdtempSync(join(tmpdir(), 'shiplog-chserver-')));
    store = await open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('takes both write paths with the counts DuckDB gives, and removes superseded rows', async () => {
    const row = (n: number, subject: string) => ({ change_key: `change:h:${n}`, host: 'h', number: n, subject, updated_at: new Date(Date.UTC(2020, 0, n)), raw_id: `g#${n}` });
    expect(await store.upsert('changes', [row(1, 'a'), row(2, 'b')])).toEqual({ new: 2, updated: 0, unchanged: 0 });
    expect(await store.upsert('changes', [row(1, 'a'), row(2, 'c'), row(3, 'd')])).toEqual({ new: 1, updated: 1, unchanged: 1 });
    expect(await store.all('SELECT number, subject FROM changes ORDER BY number')).toEqual([
      { number: 1, subject: 'a' }, { number: 2, subject: 'c' }, { number: 3, subject: 'd' },
    ]);
    expect(await store.write('test_results', [...results(30, 'x#1'), ...results(12, 'y#1')])).toEqual({ new: 42, updated: 0, unchanged: 0 });
    expect(await store.deleteByRawIds('test_results', ['y#1'])).toBe(12);
    expect(await store.deleteByRawIds('changes', ['g#3'])).toBe(1);
    expect(await store.all('SELECT count() AS n FROM changes')).toEqual([{ n: 2 }]);
    // status's counts, kept by the tables' parts on a single server, move with the writes
    expect(await store.countRows(['changes', 'test_results', 'tasks'])).toEqual({ changes: 2, test_results: 30, tasks: 0 });
    await store.upsert('changes', [row(4, 'e')]);
    expect((await store.countRows(['changes'])).changes).toBe(3);
  });

  it('answers counts and per-repo failure aggregates', async () => {
    expect(await store.all(PER_REPO, ['fail'])).toEqual(perRepo(results(30, 'x#1')));
  });

  it('archives raw records once and names the version a changed item replaces', async () => {
    const raw = (id: string) => ({ raw_id: `git:commit:abc#${id}`, source: 'git', scope: 'r', kind: 'commit', key: 'abc', fetched_at: new Date(0), url: null, payload: id, content_hash: id });
    expect(await store.storeRaw([raw('1')])).toEqual({ fresh: ['git:commit:abc#1'], superseded: [] });
    expect(await store.storeRaw([raw('1')])).toEqual({ fresh: [], superseded: [] });
    expect(await store.storeRaw([raw('2')])).toEqual({ fresh: ['git:commit:abc#2'], superseded: ['git:commit:abc#1'] });
  });

  it('refuses file and URL table functions and writes in read-only SQL, and answers a SELECT', async () => {
    for (const sql of ["SELECT * FROM file('/etc/passwd', 'TSV', 'a String')", "SELECT * FROM url('http://127.0.0.1:1/', 'TSV', 'a String')", 'DROP TABLE changes', 'SELECT 1; SELECT 2']) {
      await expect(store.readOnlyQuery(sql, { limit: 10, timeoutMs: 5000 }), sql).rejects.toThrow(/refused/);
    }
    const r = await store.readOnlyQuery('SELECT count() AS n FROM test_results', { limit: 10, timeoutMs: 5000 });
    expect(r.rows).toEqual([{ n: 30 }]);
  });

  it('opens again without changing the schema (migrations are recorded)', async () => {
    const again = await open();
    expect(await again.all('SELECT count() AS n FROM test_results')).toEqual([{ n: 30 }]);
    await again.close();
  });
});

describe.skipIf(clusterMissing())(`ClickHouse two-shard cluster${clusterMissing() ? ` (skipped: ${clusterMissing()})` : ''}`, () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  const open = (i: number) => openStore(`node${i}`, { engine: 'clickhouse', clickhouse: { url: cluster.urls[i], password: PASSWORD, database: 'shiplog_cluster', cluster: cluster.cluster } });
  beforeAll(async () => {
    cluster = await startCluster(mkdtempSync(join(tmpdir(), 'shiplog-chcluster-')));
  }, 120_000);
  afterAll(async () => cluster?.stop());

  it('creates the schema ON CLUSTER, shards test_results by test and replicates upsert tables to every node', async () => {
    // the first ON CLUSTER DDL: a node that died of a ZooKeeper session drop is started again
    let first: Store | undefined;
    for (let attempt = 1; !first; attempt++) {
      first = await open(0).catch(async (err: unknown) => {
        if (attempt === 3) throw err;
        await cluster.revive();
        return undefined;
      });
    }
    expect(await first.write('test_results', results(600, 'z#1'))).toEqual({ new: 600, updated: 0, unchanged: 0 });
    expect(await first.write('test_results', results(600, 'z#2'))).toEqual({ new: 600, updated: 0, unchanged: 0 });
    await first.upsert('changes', [{ change_key: 'change:h:1', host: 'h', number: 1, subject: 'replicated' }]);
    expect(await first.all(PER_REPO, ['fail'])).toEqual(perRepo([...results(600, 'z#1'), ...results(600, 'z#2')]));
    const firstNames = (await first.all<{ name: string }>('SELECT DISTINCT name FROM test_results__local')).map((r) => r.name);
    const engines = await first.all<{ name: string; engine: string }>("SELECT name, engine FROM system.tables WHERE database = 'shiplog_cluster' AND name IN ('test_results', 'test_results__local', 'changes__versions') ORDER BY name");
    expect(engines).toEqual([
      { name: 'changes__versions', engine: 'ReplicatedReplacingMergeTree' }, { name: 'test_results', engine: 'Distributed' }, { name: 'test_results__local', engine: 'ReplicatedMergeTree' },
    ]);
    await first.close();

    const second = await open(1); // its views are made on first use; the tables came ON CLUSTER
    expect(await second.all('SELECT count() AS n FROM test_results')).toEqual([{ n: 1200 }]);
    // on a cluster, status counts every shard's rows, not what this node's parts hold
    expect(await second.countRows(['test_results', 'changes'])).toEqual({ test_results: 1200, changes: 1 });
    const [a] = await second.all<{ n: number }>('SELECT count() AS n FROM test_results__local');
    expect(a.n).toBeGreaterThan(200);
    expect(a.n).toBeLessThan(1000); // the rest is on the first shard
    // one test's runs live on one shard: sharding is by test name
    const secondNames = (await second.all<{ name: string }>('SELECT DISTINCT name FROM test_results__local')).map((r) => r.name);
    expect(secondNames.filter((n) => firstNames.includes(n))).toEqual([]);
    expect(firstNames.length + secondNames.length).toBe(600);
    expect(a.n).toBe(secondNames.length * 2);
    let seen: unknown[] = [];
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      seen = await second.all("SELECT subject FROM changes WHERE change_key = 'change:h:1'");
      if (seen.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toEqual([{ subject: 'replicated' }]);
    await second.close();
  }, 180_000);

  it('removes rows ON CLUSTER: an append table on every shard, an upsert table on every replica', async () => {
    const first = await open(0);
    // the delete of an append table is a mutation of each shard's local table: remove() answers
    // once no node has a matching row left, not when the mutation was only scheduled
    expect(await first.remove('test_results', 'raw_id = $1', ['z#1'])).toBe(600);
    expect(await first.all('SELECT count() AS n FROM test_results WHERE raw_id = $1', ['z#1'])).toEqual([{ n: 0 }]);
    expect(await first.remove('changes', 'change_key = $1', ['change:h:1'])).toBe(1);
    await first.close();
    const second = await open(1);
    expect(await second.all('SELECT raw_id, count() AS n FROM test_results GROUP BY raw_id')).toEqual([{ raw_id: 'z#2', n: 600 }]);
    let left: unknown[] = [{}];
    for (let i = 0; i < 50 && left.length > 0; i++) {
      left = await second.all("SELECT subject FROM changes WHERE change_key = 'change:h:1'");
      if (left.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(left).toEqual([]);
    await second.close();
  }, 120_000);

  it("runs the git source's first-parent mutation of commits on every shard", async () => {
    const first = await open(0);
    const shas = Array.from({ length: 40 }, (_, i) => `sha${i}`);
    await first.write('commits', shas.map((sha) => ({ commit_key: `commit:r:${sha}`, repo: 'r', sha, first_parent: false })));
    // the statement as the git source runs it on ClickHouse: the even shas are the first-parent line
    const sql = readFileSync(new URL('../../src/sources/git/first-parent.clickhouse.sql', import.meta.url), 'utf8');
    await first.run(sql, ['r', shas.filter((_, i) => i % 2 === 0), shas]);
    await first.close();
    const second = await open(1);
    let flags: unknown[] = [];
    for (let i = 0; i < 100; i++) { // 18.16 has no mutations_sync: the mutation is awaited here
      flags = (await second.all<{ first_parent: unknown; n: number }>('SELECT first_parent, count() AS n FROM commits GROUP BY first_parent ORDER BY first_parent'))
        .map((r) => ({ first_parent: Boolean(r.first_parent), n: r.n })); // 18.16 has no Bool: UInt8
      if (flags.length === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(flags).toEqual([{ first_parent: false, n: 20 }, { first_parent: true, n: 20 }]);
    await second.close();
  }, 120_000);
});
