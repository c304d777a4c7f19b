// The store contract on DuckDB: upsert counts and idempotence, plain JS values out,
// transactions that roll back whole.
import { describe, expect, it } from 'vitest';
import { openStore } from './index.ts';

describe('DuckDB store', () => {
  it('upserts idempotently and reports new / updated / unchanged', async () => {
    const store = await openStore(':memory:');
    const row = (n: number, subject: string) => ({
      commit_key: `commit:r:${n}`, repo: 'r', sha: String(n), subject,
      parents: ['p'], authored_at: new Date(Date.UTC(2020, 0, n)), bug_tasks: ['T1', 'T2'],
    });
    expect(await store.upsert('commits', [row(1, 'a'), row(2, 'b')])).toEqual({ new: 2, updated: 0, unchanged: 0 });
    expect(await store.upsert('commits', [row(1, 'a'), row(2, 'c'), row(3, 'd')])).toEqual({ new: 1, updated: 1, unchanged: 1 });
    const rows = await store.all<Record<string, unknown>>('SELECT sha, subject, authored_at, bug_tasks FROM commits ORDER BY sha');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({ sha: '2', subject: 'c', authored_at: new Date(Date.UTC(2020, 0, 2)), bug_tasks: ['T1', 'T2'] });
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM commits');
    expect(n).toBe(3);
    expect(typeof n).toBe('number');
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
});
