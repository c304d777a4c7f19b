// POST /api/sql over a database file that has hostile files next to it (the server's own
// `<db>.server.json` among them): every quoted path, glob and file-reading table function
// gets a 400 and no byte of the files; settings and catalog views with paths are refused;
// /api/health names the database without its path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSecretFiles, SECRET, type SecretFiles } from '../../test/helpers/secret-files.ts';
import { openStore, type Store } from '../store/index.ts';
import { testApp } from './test-world.ts';

let dir: string;
let db: string;
let files: SecretFiles;
let store: Store;
let app: Hono;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-sqlfiles-'));
  files = await makeSecretFiles(dir);
  db = join(dir, 'shiplog.duckdb');
  store = await openStore(db);
  writeFileSync(`${db}.server.json`, JSON.stringify({ url: 'http://127.0.0.1:1', pid: 1, token: SECRET }), { mode: 0o600 });
  app = await testApp(store);
});
afterAll(async () => {
  await store.close();
  files.close();
  rmSync(dir, { recursive: true, force: true });
});

const sql = (text: string) =>
  app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: text }) });

describe('POST /api/sql never reads files', () => {
  it('refuses the server file itself, as in the report', async () => {
    for (const text of [`select * from "${db}.server".json`, `select * from '${db}.server.json'`, `select * from read_json('${db}.server.json')`]) {
      expect(await files.control(text), text).toContain(SECRET);
      const res = await sql(text);
      const body = await res.text();
      expect(res.status, text).toBe(400);
      expect(body, text).not.toContain(SECRET);
    }
  });

  it('refuses every quoted path, extension and glob with a 400 and the reason', async () => {
    for (const a of files.attacks) {
      const res = await sql(a.sql);
      const body = await res.text();
      expect(res.status, a.name).toBe(400);
      expect(body, a.name).not.toContain(SECRET);
      expect(JSON.parse(body).error.message, a.name).toMatch(/refused: .*(file or URL|not allowed)/);
    }
  });

  it('refuses every table function outside the allow-list', async () => {
    const res = await sql("SELECT function_name FROM duckdb_functions() WHERE function_type = 'table' AND function_name NOT IN ('range', 'generate_series', 'unnest', 'json_each', 'json_tree') AND function_name NOT LIKE 'duckdb_%' AND function_name NOT LIKE 'pragma_%'");
    const fns = ((await res.json()) as { rows: { function_name: string }[] }).rows.map((r) => r.function_name);
    expect(fns.length).toBeGreaterThan(40);
    for (const fn of fns) {
      const r = await sql(`SELECT * FROM ${fn}('${db}.server.json')`);
      const body = await r.text();
      expect(r.status, fn).toBe(400);
      expect(body, fn).not.toContain(SECRET);
    }
  });

  it('refuses settings and catalog views that show paths; no answer carries the path', async () => {
    for (const text of ['SELECT * FROM pg_settings', 'SELECT * FROM duckdb_settings()', 'SELECT * FROM duckdb_databases()', 'SELECT * FROM duckdb_databases', "SELECT current_setting('temp_directory')", 'SUMMARIZE pg_settings']) {
      const res = await sql(text);
      expect(res.status, text).toBe(400);
      expect(await res.text(), text).not.toContain(dir);
    }
    const health = await (await app.request('/api/health')).json();
    expect(health).toEqual({ ok: true, db: 'shiplog.duckdb' });
  });
});
