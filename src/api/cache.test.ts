// The response cache over the real API and a real store (the test world in a temp file):
// hits, invalidation by a write, single flight, what is never cached, the bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { keys } from '../model/ids.ts';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { CACHE_HEADER, cacheKey, DEFAULT_CACHE_LIMITS, isCacheable, ResponseCache, wantsBypass, type CacheLimits } from './cache.ts';
import { buildTestWorld, NOW, type TestWorld } from './test-world.ts';

let world: TestWorld;
let dbDir: string;
/** Calls of store.query/all made by the routes: the work the cache saves. */
let queries = 0;

/** The store as the routes see it, counting the queries they run. */
function countingStore(store: Store): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'query' || prop === 'all') {
        return (...args: unknown[]) => {
          queries++;
          return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

function appWith(limits: Partial<CacheLimits> = {}, now?: () => number) {
  const cache = new ResponseCache({ ...DEFAULT_CACHE_LIMITS, ...limits }, now);
  const app = createApp({
    store: countingStore(world.store), config: configSchema.parse({}), log: silentLogger(), clock: () => NOW, fetch,
    tokens: ['test-token-123'], cache,
  });
  return { app, cache };
}

async function get(app: ReturnType<typeof appWith>['app'], path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { status: res.status, how: res.headers.get(CACHE_HEADER), type: res.headers.get('content-type'), body: await res.text() };
}

/** Queries one request runs on its own (cache bypassed), after a warm-up (the catalog is memoised). */
async function queriesOf(app: ReturnType<typeof appWith>['app'], path: string): Promise<number> {
  await get(app, path, { 'cache-control': 'no-cache' });
  const before = queries;
  await get(app, path, { 'cache-control': 'no-cache' });
  return queries - before;
}

beforeAll(async () => {
  dbDir = mkdtempSync(join(tmpdir(), 'shiplog-cache-test-'));
  world = await buildTestWorld(join(dbDir, 'cache.duckdb'));
});
afterAll(async () => {
  await world.close();
  rmSync(dbDir, { recursive: true, force: true });
});

describe('the key and the allow-list', () => {
  it('sorts query pairs by name, keeps the order of repeated names and ends with the generation', () => {
    expect(cacheKey('GET', 'http://x/api/tables/deployments?limit=2&deployer=bob&deployer=alice', 7))
      .toBe('GET /api/tables/deployments?deployer=bob&deployer=alice&limit=2 @7');
  });

  it('caches only GETs of the data routes without Authorization', () => {
    expect(isCacheable('GET', '/api/tables/deployments', undefined)).toBe(true);
    expect(isCacheable('GET', '/api/tests', undefined)).toBe(true);
    expect(isCacheable('GET', '/api/testsuite', undefined)).toBe(false);
    for (const p of ['/api/health', '/api/status', '/metrics', '/', '/assets/app.js']) expect(isCacheable('GET', p, undefined)).toBe(false);
    expect(isCacheable('POST', '/api/tables/deployments', undefined)).toBe(false);
    expect(isCacheable('GET', '/api/tables/deployments', 'Bearer x')).toBe(false);
    expect([wantsBypass('no-cache'), wantsBypass('max-age=0, no-store'), wantsBypass('max-age=60'), wantsBypass(undefined)]).toEqual([true, true, false, false]);
  });
});

describe('hits and invalidation', () => {
  it('answers the second identical request from the cache with the same body, whatever the query order', async () => {
    const { app } = appWith();
    const first = await get(app, '/api/tables/deployments?limit=2&order=-time');
    const again = await get(app, '/api/tables/deployments?order=-time&limit=2');
    expect(first).toMatchObject({ status: 200, how: 'miss' });
    expect(again).toEqual({ ...first, how: 'hit' });
    const csv = await get(app, '/api/tables/deployments?limit=2&order=-time&format=csv');
    expect(csv.how).toBe('miss');
    expect(csv.type).toContain('text/csv');
    expect((await get(app, '/api/tables/deployments?limit=2&order=-time&format=csv')).body).toBe(csv.body);
  });

  it('runs no query for a hit', async () => {
    const { app } = appWith();
    await get(app, '/api/explore?table=deployments&group=kind');
    const before = queries;
    expect((await get(app, '/api/explore?table=deployments&group=kind')).how).toBe('hit');
    expect(queries).toBe(before);
  });

  it('grows the store generation on every write, committed or rolled back', async () => {
    const g0 = world.store.generation;
    await world.store.run('CREATE TEMP TABLE IF NOT EXISTS _cache_probe (x INTEGER)');
    const g1 = world.store.generation;
    await world.store.transaction(async () => Promise.reject(new Error('roll back'))).catch(() => undefined);
    const g2 = world.store.generation;
    expect(g1).toBeGreaterThan(g0);
    expect(g2).toBeGreaterThan(g1);
    expect(await world.store.transaction(async (tx) => tx.generation)).toBe(g2);
  });

  it('answers a miss with the new data after an upsert', async () => {
    const { app } = appWith();
    const path = '/api/tables/deployments?deployer=dave';
    const before = await get(app, path);
    expect(JSON.parse(before.body).rows).toEqual([]);
    expect((await get(app, path)).how).toBe('hit');
    await world.store.write('deployments', [
      { deploy_key: keys.deploy('sal', 'c1'), kind: 'sync-file', started_at: NOW, finished_at: NOW, duration_s: 5, deployer: 'dave', host: 'deploy1002', message: 'Synchronized php', outcome: 'ok' },
    ]);
    const after = await get(app, path);
    expect(after.how).toBe('miss');
    expect(JSON.parse(after.body).rows.map((r: { deploy_key: string }) => r.deploy_key)).toEqual(['deploy:sal:c1']);
  });

  it('recomputes an entry older than the maximum age', async () => {
    let t = 0;
    const { app } = appWith({ maxAgeMs: 1000 }, () => t);
    await get(app, '/api/reports');
    t = 999;
    expect((await get(app, '/api/reports')).how).toBe('hit');
    t = 2500;
    expect((await get(app, '/api/reports')).how).toBe('miss');
  });

  it('labels hits with their route in the request metrics', async () => {
    const { app } = appWith();
    await get(app, '/api/tables/windows');
    await get(app, '/api/tables/windows');
    const metrics = (await get(app, '/metrics')).body;
    expect(metrics).toContain('shiplog_http_requests_total{method="GET",route="/api/tables/:table",status="200"} 2');
  });
});

describe('single flight', () => {
  it('runs the query of N concurrent identical requests once and gives all the same answer', async () => {
    const { app } = appWith();
    const path = '/api/tree/task:T100?depth=2';
    const alone = await queriesOf(app, path);
    expect(alone).toBeGreaterThan(0);
    const before = queries;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(app, path)));
    expect(queries - before).toBe(alone);
    expect(answers.map((a) => a.how).sort()).toEqual(['coalesced', ...Array(6).fill('coalesced'), 'miss'].sort());
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0].status).toBe(200);
  });

  it('delivers an error to every waiter and keeps none of it', async () => {
    const { app, cache } = appWith();
    const path = `/api/entities/${encodeURIComponent('task:T999')}`;
    const answers = await Promise.all(Array.from({ length: 3 }, () => get(app, path)));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(answers.map((a) => a.how).sort()).toEqual(['coalesced', 'coalesced', 'miss']);
    expect(JSON.parse(answers[1].body).error.code).toBe('not_found');
    expect(cache.entryCount).toBe(0);
    expect((await get(app, path)).how).toBe('miss');
    const bad = await get(app, '/api/tables/deployments?nope=1');
    expect(bad.status).toBe(400);
    expect((await get(app, '/api/tables/deployments?nope=1')).how).toBe('miss');
  });
});

describe('never cached', () => {
  it('leaves health, status, metrics, POSTs and authorised requests alone', async () => {
    const { app, cache } = appWith();
    for (const path of ['/api/health', '/api/status', '/metrics']) {
      expect((await get(app, path)).how).toBeNull();
      expect((await get(app, path)).how).toBeNull();
    }
    const before = queries;
    await get(app, '/api/status');
    await get(app, '/api/status');
    expect(queries - before).toBeGreaterThan(0);
    const sql = () => app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT 1 AS one' }) });
    for (const res of [await sql(), await sql()]) {
      expect(res.status).toBe(200);
      expect(res.headers.get(CACHE_HEADER)).toBeNull();
    }
    expect((await get(app, '/api/tables/trains', { authorization: 'Bearer test-token-123' })).how).toBeNull();
    expect((await get(app, '/api/tables/trains', { authorization: 'Bearer test-token-123' })).how).toBeNull();
    expect(cache.entryCount).toBe(0);
  });

  it('computes afresh and keeps nothing for Cache-Control: no-cache', async () => {
    const { app, cache } = appWith();
    const path = '/api/tables/trains';
    const n = await queriesOf(app, path);
    const before = queries;
    expect((await get(app, path, { 'cache-control': 'no-cache' })).how).toBe('bypass');
    expect(queries - before).toBe(n);
    expect(cache.entryCount).toBe(0);
  });
});

describe('bounds', () => {
  it('evicts the least recently used entries beyond the byte bound', async () => {
    const paths = ['/api/tables/tasks', '/api/tables/changes', '/api/tables/trains'];
    const sizes: number[] = [];
    for (const p of paths) sizes.push(Buffer.byteLength((await get(appWith().app, p, { 'cache-control': 'no-cache' })).body));
    // Room for the second and third answers, not for all three.
    const { app, cache } = appWith({ maxBytes: sizes[1] + sizes[2] + 1 });
    for (const p of paths) expect((await get(app, p)).how).toBe('miss');
    expect(cache.totalBytes).toBe(sizes[1] + sizes[2]);
    expect(cache.entryCount).toBe(2);
    expect((await get(app, paths[2])).how).toBe('hit');
    expect((await get(app, paths[1])).how).toBe('hit');
    expect((await get(app, paths[0])).how).toBe('miss'); // evicted first; now it pushes out trains
    expect((await get(app, paths[2])).how).toBe('miss');
    expect(cache.totalBytes).toBeLessThanOrEqual(sizes[1] + sizes[2] + 1);
  });

  it('serves but never keeps a body over the entry cap', async () => {
    const { app, cache } = appWith({ maxEntryBytes: 100 });
    const big = await get(app, '/api/tables/changes');
    expect(Buffer.byteLength(big.body)).toBeGreaterThan(100);
    expect(big.status).toBe(200);
    expect((await get(app, '/api/tables/changes')).how).toBe('miss');
    expect(cache.entryCount).toBe(0);
  });
});
