// Security over HTTP: read-only SQL refusals (4xx with the reason), bearer-token checks
// on every write, path traversal on the static files, and headers that keep data inert.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildTestWorld, testApp, type TestWorld } from './test-world.ts';

let world: TestWorld;
let app: Hono;
let dir: string;

beforeAll(async () => {
  world = await buildTestWorld();
  dir = mkdtempSync(join(tmpdir(), 'shiplog-static-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>shiplog</title>');
  writeFileSync(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'web', 'assets', 'link.txt'));
  app = await testApp(world.store, { webRoot: join(dir, 'web') });
});
afterAll(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const sql = (text: string) => app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: text }) });

describe('read-only SQL over HTTP', () => {
  const refused: [string, RegExp][] = [
    ['CREATE TABLE x (a INT)', /CREATE is DDL/],
    ['DROP TABLE deployments', /DROP is DDL/],
    ["INSERT INTO tasks (task_key, task_id) VALUES ('a', 'b')", /INSERT changes data/],
    ["UPDATE tasks SET title = 'x'", /UPDATE changes data/],
    ['DELETE FROM tasks', /DELETE changes data/],
    ["COPY tasks TO '/tmp/x.csv'", /COPY reads or writes files/],
    ["ATTACH '/tmp/other.db'", /ATTACH/],
    ['INSTALL httpfs', /INSTALL/],
    ['LOAD httpfs', /LOAD/],
    ["SET threads = 1", /SET changes settings/],
    ['PRAGMA database_list', /PRAGMA/],
    ["SELECT * FROM read_csv('/etc/passwd')", /read_csv/],
    ["SELECT * FROM read_json('/etc/hosts')", /read_json/],
    ["SELECT * FROM read_parquet('x.parquet')", /read_parquet/],
    ["SELECT * FROM read_text('/etc/passwd')", /read_text/],
    ["SELECT * FROM glob('/etc/*')", /glob/],
    ["SELECT * FROM '/etc/passwd'", /file or URL/],
    ['SELECT 1; DROP TABLE tasks', /exactly one statement/],
  ];
  for (const [text, reason] of refused) {
    it(`refuses ${text.slice(0, 40)}`, async () => {
      const res = await sql(text);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toMatch(reason);
    });
  }

  it('still runs SELECTs, with csv and a row limit', async () => {
    const res = await sql('SELECT task_id, title FROM tasks ORDER BY task_id');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rows: unknown[] }).rows).toHaveLength(2);
    const csv = await app.request('/api/sql?format=csv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT 1 AS a' }) });
    expect(await csv.text()).toBe('a\r\n1\r\n');
    const lim = await app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT * FROM range(100)', limit: 5 }) });
    expect(await lim.json()).toMatchObject({ truncated: true, rows: { length: 5 } });
    const tables = await app.request('/api/tables/tasks');
    expect(((await tables.json()) as { rows: unknown[] }).rows).toHaveLength(2);
  });
});

describe('writes need a bearer token', () => {
  const writes = ['/api/import', '/api/sync', '/api/renormalize'];
  for (const path of writes) {
    it(`POST ${path}: 401 without a token or with a wrong one`, async () => {
      const none = await app.request(path, { method: 'POST', body: '{}' });
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const wrong = await app.request(path, { method: 'POST', body: '{}', headers: { authorization: 'Bearer test-token-124' } });
      expect(wrong.status).toBe(401);
      const short = await app.request(path, { method: 'POST', body: '{}', headers: { authorization: 'Bearer x' } });
      expect(short.status).toBe(401);
      const basic = await app.request(path, { method: 'POST', body: '{}', headers: { authorization: 'Basic dGVzdC10b2tlbi0xMjM=' } });
      expect(basic.status).toBe(401);
    });
  }

  it('every POST route in the OpenAPI document that is marked auth answers 401 without a token', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    const secured = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([, op]) => op.security).map(([m]) => [m, p] as const));
    expect(secured.length).toBeGreaterThanOrEqual(3);
    for (const [m, p] of secured) {
      const res = await app.request(p.replace(/\{\w+\}/g, 'x'), { method: m.toUpperCase(), body: '{}' });
      expect(res.status, `${m} ${p}`).toBe(401);
    }
  });
});

describe('static files', () => {
  it('serves the UI and its assets with a restrictive CSP', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await app.request('/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  for (const path of ['/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2F..%2Fsecret.txt', '/assets/%2e%2e%5c..%5csecret.txt', '/assets/app.js%00.txt', '/assets/link.txt', '/assets//etc/passwd']) {
    it(`refuses ${path}`, async () => {
      const res = await app.request(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const text = await res.text();
      expect(text).not.toContain('TOP SECRET');
      expect(JSON.parse(text)).toHaveProperty('error.code');
    });
  }
});
