// The OpenAPI document against the app: every route is in it (and documented with a
// schema), every documented route answers, and every route answers bad input with the
// one JSON error shape.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildTestWorld, testApp, type TestWorld } from './test-world.ts';
import { documentedRoutes, openApiPath } from './openapi.ts';

let world: TestWorld;
let app: Hono;
type Doc = { paths: Record<string, Record<string, { summary: string; 'x-undocumented'?: boolean; 'x-example'?: string; parameters?: { name: string; in: string }[] }>> };
let doc: Doc;

beforeAll(async () => {
  world = await buildTestWorld();
  app = await testApp(world.store);
  doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
});
afterAll(async () => world.close());

const EXAMPLE_PARAMS: Record<string, string> = { key: 'task:T100', table: 'deployments', id: 'no_such_report', file: 'index.js' };

function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(EXAMPLE_PARAMS[name] ?? 'x'));
}

function appRoutes(): { method: string; path: string }[] {
  return app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method.toLowerCase(), path: openApiPath(r.path) }));
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with an error schema', () => {
    expect(doc).toMatchObject({ openapi: '3.1.0', components: { schemas: { Error: { required: ['error'] } } } });
  });

  it('registers each method and path once (a second registration is shadowed by the first)', () => {
    const seen = documentedRoutes(app).map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(seen.filter((r, i) => seen.indexOf(r) !== i)).toEqual([]);
  });

  it('holds every route of the app', () => {
    const missing = appRoutes().filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('documents every route with route() (a summary and schemas), not only lists it', () => {
    const undocumented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).filter(([, op]) => op['x-undocumented']).map(([m]) => `${m.toUpperCase()} ${p}: register it with route() from src/api/openapi.ts`));
    expect(undocumented).toEqual([]);
  });

  it('docs/api.md names every route of src/api/routes/{core,entities,explore,reports,meta,web}.ts', () => {
    const md = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const mine = ['core', 'entities', 'explore', 'reports', 'meta', 'web'];
    const missing = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.values(ops).filter((op) => mine.includes((op as { tags?: string[] }).tags?.[0] ?? '')).map(() => p))
      .filter((p) => !md.includes(`\`${p}`) && !md.includes(` ${p}`));
    expect(missing).toEqual([]);
  });

  it('carries the query schemas as parameters', () => {
    const params = doc.paths['/api/tables/{table}'].get.parameters!.map((p) => `${p.in}:${p.name}`);
    expect(params).toEqual(expect.arrayContaining(['path:table', 'query:since', 'query:until', 'query:limit', 'query:cursor', 'query:format']));
  });

  it('every documented route answers (GET with its example or sample parameters; POST refuses an empty body)', async () => {
    const failures: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = op['x-example'] ?? concrete(p);
        const res = await app.request(url, method === 'post' ? { method: 'POST', headers: { authorization: 'Bearer test-token-123', 'content-type': 'application/json' }, body: '{}' } : {});
        const routeMissing = res.status === 404 && ((await res.clone().json().catch(() => ({}))) as { error?: { message?: string } }).error?.message?.startsWith('no route');
        if (routeMissing || res.status >= 500) failures.push(`${method.toUpperCase()} ${url} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('one error shape on every route', () => {
  const BAD_QUERY = 'since=not-a-date&until=nope&limit=-5&depth=99&format=xml&cursor=%%%&table=&bucket=fortnight';

  it('answers bad input on every route with {"error": {"code", "message"}} and a 4xx', async () => {
    const wrong: string[] = [];
    for (const r of appRoutes()) {
      const path = r.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === 'file' ? '..%2F..%2Fpackage.json' : n === 'key' ? 'nope:%00' : 'no_such_thing'));
      const init = r.method === 'post'
        ? { method: 'POST', headers: { authorization: 'Bearer test-token-123', 'content-type': 'application/json' }, body: '{not json' }
        : {};
      const res = await app.request(`${path}?${BAD_QUERY}`, init);
      if (path === '/' || path === '/api/health' || path === '/api/openapi.json' || path === '/metrics' || path === '/api/tables' || path === '/api/status' || path === '/api/reports' || path === '/api/ui-config' || path === '/api/freshness') {
        continue; // take no input: nothing to be bad
      }
      const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
      const ok = res.status >= 400 && res.status < 500 && typeof body?.error?.code === 'string' && typeof body.error.message === 'string' && body.error.message.length > 0;
      if (!ok) wrong.push(`${r.method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers unknown routes and methods with the same shape', async () => {
    for (const [url, init] of [['/api/nope', {}], ['/api/sql', {}], ['/nope/../../etc/passwd', {}]] as const) {
      const res = await app.request(url, init);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/no route/) } });
    }
  });
});
