// Every refusal the read-only SQL gate promises, and the queries it must let through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../index.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await store.upsert('tasks', [{ task_key: 'task:T1', task_id: 'T1', title: 'x', restricted: false }]);
});
afterAll(() => store.close());

const q = (sql: string) => store.readOnlyQuery(sql, { limit: 100, timeoutMs: 5000 });

describe('read-only SQL', () => {
  it.each([
    ['CREATE TABLE x (a INT)', /CREATE is DDL/],
    ['DROP TABLE tasks', /DROP is DDL/],
    ['ALTER TABLE tasks ADD COLUMN z INT', /ALTER is DDL/],
    ["INSERT INTO tasks (task_key, task_id) VALUES ('a', 'b')", /INSERT changes data/],
    ["UPDATE tasks SET title = 'y'", /UPDATE changes data/],
    ['DELETE FROM tasks', /DELETE changes data/],
    ["COPY tasks TO '/tmp/x.csv'", /COPY/],
    ["ATTACH '/tmp/other.duckdb'", /ATTACH/],
    ['INSTALL httpfs', /INSTALL/],
    ['LOAD httpfs', /LOAD/],
    ['SET threads = 1', /SET changes settings/],
    ['PRAGMA version', /PRAGMA/],
    ["SELECT * FROM read_csv('/etc/passwd')", /read_csv/],
    ["SELECT * FROM read_csv_auto('/etc/passwd')", /read_csv_auto/],
    ["SELECT * FROM read_json('/tmp/x.json')", /read_json/],
    ["SELECT * FROM read_parquet('/tmp/x.parquet')", /read_parquet/],
    ["SELECT * FROM read_text('/etc/passwd')", /read_text/],
    ["SELECT * FROM read_blob('/etc/passwd')", /read_blob/],
    ["SELECT * FROM glob('/etc/*')", /glob/],
    ["SELECT * FROM parquet_scan('/tmp/x.parquet')", /parquet_scan/],
    ["SELECT * FROM '/etc/passwd'", /looks like a file/],
    ["SELECT * FROM 'https://example.org/x.csv'", /looks like a file/],
    ["SELECT * FROM tasks WHERE task_id IN (SELECT content FROM read_text('/etc/hostname'))", /read_text/],
    ["WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x", /read_csv/],
    ["SELECT * FROM query('SELECT 1')", /query/],
    ['SELECT 1; SELECT 2', /exactly one statement/],
    ["SELECT current_setting('threads')", /current_setting/],
    ["DESCRIBE SELECT * FROM read_csv('/etc/passwd')", /read_csv/],
  ])('refuses %s', async (sql, reason) => {
    await expect(q(sql)).rejects.toThrow(reason);
  });

  it('runs SELECT, WITH, FROM-first and DESCRIBE of a table', async () => {
    expect((await q('SELECT task_id FROM tasks')).rows).toEqual([{ task_id: 'T1' }]);
    expect((await q('WITH t AS (SELECT 1 AS a) SELECT a FROM t')).rows).toEqual([{ a: 1 }]);
    expect((await q('FROM tasks SELECT title')).rows).toEqual([{ title: 'x' }]);
    expect((await q('DESCRIBE tasks')).rows.length).toBeGreaterThan(5);
    expect((await q('SELECT * FROM range(3)')).rows).toHaveLength(3);
  });

  it('caps rows at the limit and says so', async () => {
    const r = await store.readOnlyQuery('SELECT * FROM range(5000)', { limit: 10, timeoutMs: 5000 });
    expect(r.rows).toHaveLength(10);
    expect(r.truncated).toBe(true);
  });

  it('interrupts a query that runs past the timeout', async () => {
    await expect(
      store.readOnlyQuery('SELECT count(*) FROM range(100000000) a, range(100000) b', { limit: 10, timeoutMs: 200 }),
    ).rejects.toThrow(/timeout|interrupt/i);
  });
});
