// Read-only SQL cannot read files or show paths: the engine refuses file access (even for
// SQL that skips the syntax-tree gate) and cannot be switched back, and the gate refuses
// every attack form, every table function outside its allow-list, and the settings and
// catalog views that carry paths. Each attack is first shown to work on an unrestricted
// DuckDB, so these tests fail if either layer is removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSecretFiles, SECRET, type SecretFiles } from '../../../test/helpers/secret-files.ts';
import { openStore, type Store } from '../index.ts';

let dir: string;
let files: SecretFiles;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-files-'));
  files = await makeSecretFiles(dir);
  store = await openStore(join(dir, 'shiplog.duckdb'));
  await store.upsert('tasks', [{ task_key: 'task:T1', task_id: 'T1', title: 'x', restricted: false }]);
});
afterAll(async () => {
  await store.close();
  files.close();
  rmSync(dir, { recursive: true, force: true });
});

const q = (sql: string) => store.readOnlyQuery(sql, { limit: 100, timeoutMs: 5000 });
const outcome = (p: Promise<unknown>) => p.then((r) => JSON.stringify(r), (err: Error) => `error: ${err.message}`);

describe('the engine has no file access', () => {
  it('each attack reads its file on an unrestricted DuckDB (the control)', async () => {
    for (const a of files.attacks) expect(await files.control(a.sql), a.name).toContain(SECRET);
  });

  it('each attack fails on the store even without the gate (reader connection, raw SQL)', async () => {
    for (const a of files.attacks) {
      const got = await outcome(store.all(a.sql));
      expect(got, a.name).not.toContain(SECRET);
      expect(got, a.name).toMatch(/^error: .*(disabled by configuration|Unique file handle|Permission)/);
    }
  });

  it('every table function given a secret file path fails without the gate too', async () => {
    const fns = await store.all<{ name: string }>(
      "SELECT DISTINCT function_name AS name FROM duckdb_functions() WHERE function_type = 'table' ORDER BY 1",
    );
    expect(fns.length).toBeGreaterThan(50);
    for (const { name } of fns) {
      for (const file of ['secret.csv', 'secret.json', 'secret.parquet', 'secret.conf', 'secret.duckdb']) {
        const got = await outcome(store.all(`SELECT * FROM ${name}('${join(dir, file)}')`));
        expect(got, `${name}(${file})`).not.toContain(SECRET);
      }
    }
  });

  it('SQL cannot switch file access back on or unlock the configuration', async () => {
    for (const sql of ['SET enable_external_access = true', 'SET lock_configuration = false', 'RESET lock_configuration', "SET allowed_directories = ['/']"]) {
      await expect(store.run(sql), sql).rejects.toThrow(/locked/);
    }
    expect(await outcome(store.all(`SELECT * FROM '${join(dir, 'secret.csv')}'`))).toMatch(/disabled by configuration/);
  });

  it('the writer still does what it does: transactions, upserts, checkpoints', async () => {
    await store.upsert('tasks', [{ task_key: 'task:T2', task_id: 'T2', title: 'y', restricted: false }]);
    await store.run('CHECKPOINT');
    expect((await q('SELECT count(*) AS n FROM tasks')).rows).toEqual([{ n: 2 }]);
  });
});

describe('the gate refuses files, table functions and paths', () => {
  it('refuses every attack with a reason, before it runs', async () => {
    for (const a of files.attacks) {
      await expect(q(a.sql), a.name).rejects.toThrow(/refused: .*(file or URL|not allowed)/);
    }
  });

  it('refuses every table function outside the allow-list, called with or without parentheses', async () => {
    const fns = await store.all<{ name: string }>(
      "SELECT DISTINCT function_name AS name FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro') ORDER BY 1",
    );
    const allowed = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree', 'duckdb_tables', 'duckdb_columns', 'duckdb_views',
      'duckdb_functions', 'duckdb_types', 'duckdb_schemas', 'duckdb_constraints', 'duckdb_indexes', 'pragma_table_info', 'pragma_show']);
    for (const { name } of fns) {
      const got = await outcome(q(`SELECT * FROM ${name}('${join(dir, 'secret.csv')}')`));
      expect(got, name).not.toContain(SECRET);
      if (!allowed.has(name)) expect(got, name).toMatch(/refused: table function/);
      const bare = await outcome(q(`SELECT * FROM ${name}`));
      if (!allowed.has(name)) expect(bare, `${name} without ()`).toMatch(/refused/);
    }
  });

  it.each([
    ['SELECT * FROM pg_settings', /pg_settings.*settings, paths or files/],
    ['SELECT * FROM pg_catalog.pg_settings', /settings, paths or files/],
    ['SELECT * FROM duckdb_settings()', /duckdb_settings/],
    ['SELECT * FROM duckdb_databases()', /duckdb_databases/],
    ['SELECT * FROM duckdb_databases', /settings, paths or files/],
    ['SELECT * FROM system.main.duckdb_databases', /settings, paths or files/],
    ['SELECT * FROM pragma_database_list', /settings, paths or files/],
    ['SELECT * FROM duckdb_temporary_files()', /duckdb_temporary_files/],
    ['SELECT * FROM duckdb_extensions()', /duckdb_extensions/],
    ["SELECT current_setting('temp_directory')", /current_setting/],
    ["SELECT pg_catalog.current_setting('temp_directory')", /current_setting/],
    ["SELECT getvariable('x')", /getvariable/],
    ['SUMMARIZE pg_settings', /settings, paths or files/],
    ['TABLE pg_settings', /settings, paths or files/],
    ['DESCRIBE duckdb_databases', /settings, paths or files/],
    ['SELECT * FROM checkpoint', /not a table or view/],
    ['SELECT * FROM (WITH pg_settings AS (SELECT 1) SELECT 1), pg_settings', /pg_settings/],
    ["SELECT * FROM read_blob('x.duckdb')", /read_blob/],
    ["DESCRIBE SELECT * FROM read_csv('/etc/passwd')", /read_csv/],
  ])('refuses %s', async (sql, reason) => {
    await expect(q(sql)).rejects.toThrow(reason);
  });

  it('still reads tables, CTEs (even named like a system view) and the path-free catalog', async () => {
    expect((await q('WITH pg_settings AS (SELECT 1 AS a) SELECT a FROM pg_settings')).rows).toEqual([{ a: 1 }]);
    expect((await q("SELECT table_name FROM information_schema.tables WHERE table_name = 'tasks'")).rows).toEqual([{ table_name: 'tasks' }]);
    expect((await q('SELECT count(*) > 5 AS ok FROM duckdb_tables()')).rows).toEqual([{ ok: true }]);
    expect((await q('SHOW TABLES')).rows.length).toBeGreaterThan(5);
    expect((await q('SHOW ALL TABLES')).rows.length).toBeGreaterThan(5);
    expect((await q('SUMMARIZE tasks')).rows.length).toBeGreaterThan(3);
    expect((await q('SELECT count(*) AS n FROM main.tasks')).rows).toEqual([{ n: 2 }]);
  });

  it('no system view or allowed table function it lets through shows a path', async () => {
    const views = await store.all<{ schema_name: string; view_name: string }>('SELECT schema_name, view_name FROM duckdb_views() WHERE internal');
    let readable = 0;
    for (const v of views) {
      const got = await outcome(q(`SELECT * FROM ${v.schema_name}.${v.view_name}`));
      expect(got, v.view_name).not.toContain(dir);
      if (!got.startsWith('error')) readable++;
    }
    expect(readable).toBeGreaterThan(30);
    for (const fn of ['duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_functions', 'duckdb_schemas', 'duckdb_constraints', 'duckdb_indexes']) {
      expect(await outcome(q(`SELECT * FROM ${fn}()`)), fn).not.toContain(dir);
    }
  });
});
