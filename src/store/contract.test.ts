// One contract suite, run against every engine (DuckDB, ClickHouse through chdb): the
// write paths and their counts, idempotence, the version rule, derived columns, removals,
// raw-first archiving, plain JS values out, kill -9 mid-import and resume, and the
// read-only gate's refusals. A test that cannot hold on one engine says which and why.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from './index.ts';
import { ENGINES_UNDER_TEST } from './contract/engines.ts';
import { BATCHES, PER_BATCH } from './contract/kill-child.ts';

const CHILD = fileURLToPath(new URL('./contract/kill-child.ts', import.meta.url));

for (const engine of ENGINES_UNDER_TEST) {
  describe.skipIf(engine.missing)(`store contract on ${engine.name}${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
    it('upserts idempotently and reports new / updated / unchanged', async () => {
      const store = await engine.open();
      const row = (n: number, subject: string) => ({
        change_key: `change:h:${n}`, host: 'h', number: n, subject,
        updated_at: new Date(Date.UTC(2020, 0, n)), bug_tasks: ['T1', 'T2'], raw_id: `gerrit:change:${n}#0`,
      });
      expect(await store.upsert('changes', [row(1, 'a'), row(2, 'b')])).toEqual({ new: 2, updated: 0, unchanged: 0 });
      expect(await store.upsert('changes', [row(1, 'a'), row(2, 'c'), row(3, 'd')])).toEqual({ new: 1, updated: 1, unchanged: 1 });
      const rows = await store.all('SELECT number, subject, updated_at, bug_tasks FROM changes ORDER BY number');
      expect(rows[1]).toEqual({ number: 2, subject: 'c', updated_at: new Date(Date.UTC(2020, 0, 2)), bug_tasks: ['T1', 'T2'] });
      const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM changes WHERE host = $1', ['h']);
      expect(n).toBe(3);
      expect(typeof n).toBe('number');
      await store.close();
    });

    it('keeps the newer version of a row whichever arrives last (version rule, then raw_id)', async () => {
      const store = await engine.open();
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
      const store = await engine.open();
      const d = { deploy_key: 'deploy:sal:1', kind: 'sync-file', message: 'a' };
      await store.upsert('deployments', [{ ...d, window_key: 'window:w' }]);
      expect(await store.upsert('deployments', [{ ...d, message: 'b' }])).toEqual({ new: 0, updated: 1, unchanged: 0 });
      expect(await store.upsert('deployments', [{ ...d, message: 'b' }])).toEqual({ new: 0, updated: 0, unchanged: 1 });
      expect(await store.all('SELECT message, window_key FROM deployments')).toEqual([{ message: 'b', window_key: 'window:w' }]);
      await store.close();
    });

    it('appends facts, and removes the rows of superseded raw records from append and upsert tables', async () => {
      const store = await engine.open();
      const r = (n: number, raw: string) => ({ result_key: `b/s/c/t${n}#1`, build_key: 'b', name: `t${n}`, status: 'pass', duration_ms: n * 1.5, line: n, raw_id: raw });
      expect(await store.write('test_results', [r(1, 'x#1'), r(2, 'x#1'), r(3, 'y#1')])).toEqual({ new: 3, updated: 0, unchanged: 0 });
      expect(await store.all('SELECT name, duration_ms, line FROM test_results WHERE raw_id = $1 ORDER BY name', ['x#1'])).toEqual([
        { name: 't1', duration_ms: 1.5, line: 1 }, { name: 't2', duration_ms: 3, line: 2 },
      ]);
      expect(await store.deleteByRawIds('test_results', ['x#1'])).toBe(2);
      expect(await store.all('SELECT name FROM test_results')).toEqual([{ name: 't3' }]);
      await store.write('tasks', [{ task_key: 'task:T1', task_id: 'T1', restricted: false, raw_id: 'p#1' }, { task_key: 'task:T2', task_id: 'T2', restricted: true, raw_id: 'p#2' }]);
      expect(await store.deleteByRawIds('tasks', ['p#1', 'nothing'])).toBe(1);
      expect(await store.all('SELECT task_id, restricted FROM tasks')).toEqual([{ task_id: 'T2', restricted: true }]);
      expect(await store.write('tasks', [{ task_key: 'task:T1', task_id: 'T1', restricted: false, raw_id: 'p#3' }])).toEqual({ new: 1, updated: 0, unchanged: 0 });
      await store.close();
    });

    it('archives raw records once, and names the version a changed item replaces', async () => {
      const store = await engine.open();
      const raw = (id: string) => ({ raw_id: `git:commit:abc#${id}`, source: 'git', scope: 'r', kind: 'commit', key: 'abc', fetched_at: new Date(0), url: null, payload: id, content_hash: id });
      expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: ['git:commit:abc#0000000000000001'], superseded: [] });
      expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: [], superseded: [] });
      expect(await store.storeRaw([raw('0000000000000002')])).toEqual({ fresh: ['git:commit:abc#0000000000000002'], superseded: ['git:commit:abc#0000000000000001'] });
      expect(await store.storeRaw([raw('0000000000000001')])).toEqual({ fresh: ['git:commit:abc#0000000000000001'], superseded: ['git:commit:abc#0000000000000002'] });
      expect(await store.all('SELECT raw_id, seq FROM raw_records ORDER BY seq')).toEqual([
        { raw_id: 'git:commit:abc#0000000000000001', seq: 1 }, { raw_id: 'git:commit:abc#0000000000000002', seq: 2 },
      ]);
      await store.close();
    });

    it('leaves no rows of a failed batch, and takes the batch again afterwards', async () => {
      const store = await engine.open();
      const raw = { raw_id: 'junit:cases:k#0000000000000001', source: 'junit', scope: 's', kind: 'cases', key: 'k', fetched_at: new Date(0), url: null, payload: 'x', content_hash: '1' };
      const rows = [{ result_key: 'b/t#1', build_key: 'b', name: 't', status: 'fail', raw_id: raw.raw_id }];
      await expect(store.transaction(async (tx) => {
        await tx.storeRaw([raw]);
        await tx.write('test_results', rows);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await store.all('SELECT count(*) AS n FROM test_results')).toEqual([{ n: 0 }]);
      expect(await store.all('SELECT count(*) AS n FROM raw_records')).toEqual([{ n: 0 }]);
      expect(await store.storeRaw([raw])).toEqual({ fresh: [raw.raw_id], superseded: [] });
      await store.close();
    });

    it.skipIf(engine.name === 'clickhouse')('rolls every write of a failed transaction back (ClickHouse has no multi-statement transactions: upserts written before the failure stay, and writing them again changes nothing)', async () => {
      const store = await engine.open();
      await expect(store.transaction(async (tx) => {
        await tx.upsert('tasks', [{ task_key: 'task:T1', task_id: 'T1', restricted: false }]);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await store.all('SELECT * FROM tasks')).toEqual([]);
      await store.close();
    });

    it('refuses unknown tables and columns, and the wrong write mode, with the same words', async () => {
      const store = await engine.open();
      await expect(store.upsert('nope', [{ a: 1 }])).rejects.toThrow(/unknown table "nope"/);
      await expect(store.write('changes', [{ change_key: 'change:h:1', host: 'h', number: 1, subjekt: 'x' }])).rejects.toThrow('changes.subjekt: no such column (row 1)');
      await expect(store.upsert('test_results', [{ result_key: 'r', build_key: 'b', name: 'n', status: 'pass' }])).rejects.toThrow('test_results is append-only');
      await expect(store.append('changes', [{ change_key: 'c', host: 'h', number: 1 }])).rejects.toThrow('changes is an upsert table');
      await store.close();
    });

    it('answers plain JS values: numbers, NULL for an aggregate over nothing and for an outer join miss, lists, times', async () => {
      const store = await engine.open();
      await store.write('windows', [{ window_key: 'window:1', deployers: ['a', 'b'], requested_changes: [1, 2], planned_start: new Date('2024-05-01T10:00:00Z') }]);
      expect(await store.all(`SELECT max(seq) AS s, sum(seq) AS t FROM raw_records WHERE source = $1`, ['none'])).toEqual([{ s: null, t: null }]);
      expect(await store.all(`SELECT w.window_key, d.deploy_key FROM windows w LEFT JOIN deployments d ON d.window_key = w.window_key`)).toEqual([{ window_key: 'window:1', deploy_key: null }]);
      expect(await store.all(`SELECT deployers, requested_changes, planned_start FROM windows`)).toEqual([{ deployers: ['a', 'b'], requested_changes: [1, 2], planned_start: new Date('2024-05-01T10:00:00Z') }]);
      expect(await store.all(`SELECT count(*) AS n FROM windows WHERE planned_start >= $1 AND window_key = $2`, [new Date('2024-05-01T09:00:00Z'), "window:1"])).toEqual([{ n: 1 }]);
      expect(await store.all(`SELECT 'it''s $1' AS s, $1 AS p`, ["o'k\\"])).toEqual([{ s: "it's $1", p: "o'k\\" }]);
      await store.close();
    });

    it.each([
      ["SELECT * FROM read_csv('/etc/passwd')", /not allowed|refused/],
      ['SELECT 1; SELECT 2', /one statement/],
      ['DELETE FROM tasks', /DELETE/],
      ['DROP TABLE tasks', /DROP/],
      ['INSERT INTO tasks (task_key) VALUES (1)', /INSERT/],
      ['SELEC 1', /SELEC|parse/],
    ])('the read-only gate refuses %j', async (sql, why) => {
      const store = await engine.open();
      await expect(store.readOnlyQuery(sql, { limit: 10, timeoutMs: 5000 })).rejects.toThrow(why);
      await store.close();
    });

    it('the read-only gate answers a SELECT, cut at the row limit', async () => {
      const store = await engine.open();
      await store.write('tasks', [1, 2, 3].map((i) => ({ task_key: `task:T${i}`, task_id: `T${i}`, restricted: false })));
      const r = await store.readOnlyQuery('SELECT task_id FROM tasks ORDER BY task_id', { limit: 2, timeoutMs: 5000 });
      expect(r.rows).toEqual([{ task_id: 'T1' }, { task_id: 'T2' }]);
      expect(r.truncated).toBe(true);
      await store.close();
    });

    it('resumes after kill -9 at any moment without loss or duplicates', async () => {
      const dir = mkdtempSync(join(tmpdir(), `shiplog-kill-${engine.name}-`));
      const path = engine.name === 'duckdb' ? join(dir, 'k.duckdb') : join(dir, 'k');
      const run = (...extra: string[]) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, engine.name, path, 'killed', ...extra], { stdio: ['ignore', 'pipe', 'ignore'] });
        let done = 0;
        child.stdout.on('data', (b: Buffer) => (done += b.toString().split('\n').length - 1));
        return { child, batches: () => done, closed: new Promise<number | null>((r) => child.once('close', (code, signal) => r(code ?? (signal ? -1 : null)))) };
      };
      // killed by itself after the rows of batch 3 are written and before they commit
      expect(await run('3').closed).toBe(-1);
      // killed from outside a few milliseconds after a batch committed, i.e. inside the next
      let landed = 0;
      for (const wait of [3, 11, 29]) {
        const { child, batches, closed } = run();
        const start = batches();
        while (batches() < start + 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, wait));
        if (child.exitCode === null) landed++;
        child.kill('SIGKILL');
        await closed;
      }
      expect(await run().closed).toBe(0);
      expect(landed).toBeGreaterThan(0);
      const store = await openStore(path, engine.name === 'clickhouse' ? { engine: 'clickhouse', clickhouse: { database: 'killed' } } : {});
      try {
        const [c] = await store.all<{ n: number; k: number; raw: number }>(
          'SELECT count(*) AS n, count(DISTINCT result_key) AS k, (SELECT count(*) FROM raw_records) AS raw FROM test_results');
        expect(c).toEqual({ n: BATCHES * PER_BATCH, k: BATCHES * PER_BATCH, raw: BATCHES });
        expect(await store.all("SELECT cursor FROM sync_state")).toEqual([{ cursor: String(BATCHES - 1) }]);
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
