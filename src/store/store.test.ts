// The store contract on DuckDB: upsert counts and idempotence, plain JS values out,
// transactions that roll back whole.
import { describe, expect, it } from 'vitest';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THREADS, openStore, storeOptionsOf } from './index.ts';

describe('DuckDB store', () => {
  it('upserts idempotently and reports new / updated / unchanged', async () => {
    const store = await openStore(':memory:');
    const row = (n: number, subject: string) => ({
      change_key: `change:h:${n}`, host: 'h', number: n, subject,
      updated_at: new Date(Date.UTC(2020, 0, n)), bug_tasks: ['T1', 'T2'], raw_id: `gerrit:change:${n}#0`,
    });
    expect(await store.upsert('changes', [row(1, 'a'), row(2, 'b')])).toEqual({ new: 2, updated: 0, unchanged: 0 });
    expect(await store.upsert('changes', [row(1, 'a'), row(2, 'c'), row(3, 'd')])).toEqual({ new: 1, updated: 1, unchanged: 1 });
    const rows = await store.all<Record<string, unknown>>('SELECT number, subject, updated_at, bug_tasks FROM changes ORDER BY number');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({ number: 2, subject: 'c', updated_at: new Date(Date.UTC(2020, 0, 2)), bug_tasks: ['T1', 'T2'] });
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM changes');
    expect(n).toBe(3);
    expect(typeof n).toBe('number');
    await store.close();
  });

  it('keeps the newer version of a row whichever arrives last (version rule, then raw_id)', async () => {
    const store = await openStore(':memory:');
    const v = (subject: string, day: number, raw: string) => ({
      change_key: 'change:h:1', host: 'h', number: 1, subject, updated_at: new Date(Date.UTC(2020, 0, day)), raw_id: raw,
    });
    expect(await store.upsert('changes', [v('new', 5, 'a')])).toEqual({ new: 1, updated: 0, unchanged: 0 });
    expect(await store.upsert('changes', [v('old', 2, 'b')])).toEqual({ new: 0, updated: 0, unchanged: 1 });
    expect(await store.upsert('changes', [v('same time, larger raw id', 5, 'c')])).toEqual({ new: 0, updated: 1, unchanged: 0 });
    expect(await store.upsert('changes', [v('within one batch', 9, 'd'), v('older in the batch', 8, 'e')])).toEqual({ new: 0, updated: 1, unchanged: 0 });
    expect(await store.all('SELECT subject FROM changes')).toEqual([{ subject: 'within one batch' }]);
    await store.close();
  });

  it('keeps a derived column when a row without it is written again', async () => {
    const store = await openStore(':memory:');
    const d = { deploy_key: 'deploy:sal:1', kind: 'sync-file', message: 'a' };
    await store.upsert('deployments', [d]);
    await store.run("UPDATE deployments SET window_key = 'window:w'");
    expect(await store.upsert('deployments', [{ ...d, message: 'b' }])).toEqual({ new: 0, updated: 1, unchanged: 0 });
    expect(await store.upsert('deployments', [{ ...d, message: 'b' }])).toEqual({ new: 0, updated: 0, unchanged: 1 });
    expect(await store.all('SELECT message, window_key FROM deployments')).toEqual([{ message: 'b', window_key: 'window:w' }]);
    await store.close();
  });

  it('appends facts without reading the table', async () => {
    const store = await openStore(':memory:');
    const r = (n: number) => ({ result_key: `b/s/c/t${n}#1`, build_key: 'b', name: `t${n}`, status: 'pass', duration_ms: n * 1.5, line: n });
    expect(await store.write('test_results', [r(1), r(2)])).toEqual({ new: 2, updated: 0, unchanged: 0 });
    expect(await store.all('SELECT name, duration_ms, line FROM test_results ORDER BY name')).toEqual([
      { name: 't1', duration_ms: 1.5, line: 1 }, { name: 't2', duration_ms: 3, line: 2 },
    ]);
    await store.close();
  });

  it('archives raw records once, and names the version a changed item replaces', async () => {
    const store = await openStore(':memory:');
    const raw = (id: string) => ({ raw_id: `git:commit:abc#${id}`, source: 'git', scope: 'r', kind: 'commit', key: 'abc', fetched_at: new Date(0), url: null, payload: id, content_hash: id });
    expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: ['git:commit:abc#0000000000000001'], superseded: [] });
    expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: [], superseded: [] });
    expect(await store.storeRaw([raw('0000000000000002')])).toEqual({ fresh: ['git:commit:abc#0000000000000002'], superseded: ['git:commit:abc#0000000000000001'] });
    // back to the first version: fresh for the tables, archived once
    expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: ['git:commit:abc#0000000000000001'], superseded: ['git:commit:abc#0000000000000002'] });
    expect(await store.all('SELECT raw_id, seq FROM raw_records ORDER BY seq')).toEqual([
      { raw_id: 'git:commit:abc#0000000000000001', seq: 1 }, { raw_id: 'git:commit:abc#0000000000000002', seq: 2 },
    ]);
    await store.close();
  });

  it('rolls a failed transaction back whole', async () => {
    const store = await openStore(':memory:');
    await expect(
      store.transaction(async (tx) => {
        await tx.upsert('tasks', [{ task_key: 'task:T1', task_id: 'T1', restricted: false }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.all('SELECT * FROM tasks')).toEqual([]);
    await store.close();
  });

  it('refuses tables it has no key for, naming the table', async () => {
    const store = await openStore(':memory:');
    await expect(store.upsert('nope', [{ a: 1 }])).rejects.toThrow(/unknown table "nope"/);
    await store.close();
  });

  it('closes only after the reads in flight have finished, and refuses reads after', async () => {
    const store = await openStore(':memory:');
    const slow = 'SELECT count(*) AS n FROM range(30000000) t(i) WHERE i % 7 = 0';
    const a = store.all<{ n: number }>(slow);
    const b = store.query(slow);
    const c = store.readOnlyQuery(slow, { limit: 10, timeoutMs: 60_000 });
    await store.close(); // closing the connections under these queries would crash the process
    expect((await a)[0].n).toBe(4285715);
    expect((await b).rows[0].n).toBe(4285715);
    expect((await c).rows[0].n).toBe(4285715);
    expect(() => store.all('SELECT 1')).toThrow(/:memory:: the store is closed/);
  });

  it('opens DuckDB with the memory limit asked for (config db_memory_limit)', async () => {
    const store = await openStore(':memory:', { memoryLimit: '300MB' });
    const [{ m }] = await store.all<{ m: string }>("SELECT current_setting('memory_limit') AS m");
    expect(m).toBe('286.1 MiB'); // 300 MB, as DuckDB reports it
    await store.close();
  });

  it('opens DuckDB with small-machine defaults, and the threads asked for (config db_threads)', async () => {
    const defaults = await openStore(':memory:');
    const [d] = await defaults.all<{ m: string; t: number }>("SELECT current_setting('memory_limit') AS m, current_setting('threads') AS t");
    expect(d).toEqual({ m: '488.2 MiB', t: Math.min(DEFAULT_THREADS, availableParallelism()) }); // DEFAULT_MEMORY_LIMIT, 512 MB
    await defaults.close();
    const store = await openStore(':memory:', { threads: 1 });
    expect(await store.all("SELECT current_setting('threads') AS t")).toEqual([{ t: 1 }]);
    await store.close();
  });

  it('leaves checkpoints to shiplog by default, or to DuckDB at the size asked for (config db_checkpoint_threshold)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-ckpt-'));
    const defaults = await openStore(join(dir, 's.duckdb'));
    expect(await defaults.all("SELECT current_setting('checkpoint_threshold') AS c")).toEqual([{ c: '931.3 GiB' }]); // shiplog's own (duckdb/checkpoints.test.ts)
    await defaults.close();
    rmSync(dir, { recursive: true });
    const options = storeOptionsOf({ db_checkpoint_threshold: '256MB' });
    expect(options.checkpointThreshold).toBe('256MB');
    const store = await openStore(':memory:', options);
    expect(await store.all("SELECT current_setting('checkpoint_threshold') AS c")).toEqual([{ c: '244.1 MiB' }]);
    await store.close();
  });

  it('appends text columns that cross packed as one string: separators, NULL, empty and non-ASCII values intact', async () => {
    const store = await openStore(':memory:');
    const odd = ['a\x1fb', '\x1e', '', 'é€😀', 'x\x1ey'];
    const rows = (withOdd: boolean) => Array.from({ length: 3000 }, (_, i) => ({
      result_key: `k${withOdd ? 'o' : 'p'}${i}`, build_key: 'build:junit:1', name: withOdd ? odd[i % odd.length] + i : `n${i}é`,
      status: 'pass', message: i % 3 === 0 ? null : i % 3 === 1 ? '' : `m\n${i}`, suite: `s${i}`,
    }));
    for (const withOdd of [false, true]) {
      const written = rows(withOdd);
      await store.append('test_results', written);
      const back = await store.all<{ result_key: string; name: string; message: string | null; suite: string }>(
        'SELECT result_key, name, message, suite FROM test_results WHERE result_key LIKE $1 ORDER BY result_key', [`k${withOdd ? 'o' : 'p'}%`]);
      const want = written.map((r) => ({ result_key: r.result_key, name: r.name, message: r.message, suite: r.suite }))
        .sort((a, b) => (a.result_key < b.result_key ? -1 : 1));
      expect(back).toEqual(want);
    }
    await store.close();
  });
});
