// Every anonymous request is bounded: the SQL body (413 before parsing), the answer's bytes
// (rows past sql.max_response_bytes are cut and the answer says so), the number of queries
// at once (a queue, then 503 + Retry-After), and the time, counted from before the gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { createApp } from './app.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(() => store.close());

function appWith(sql: Record<string, number>): Hono {
  const config = configSchema.parse({ sql });
  return createApp({ store, config, log: silentLogger(), clock: () => new Date(), fetch, tokens: ['t'.repeat(16)] });
}
const post = (app: Hono, body: BodyInit, headers: Record<string, string> = {}) =>
  app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const sqlBody = (sql: string) => JSON.stringify({ sql });

/** A query that keeps one core busy for a while (~0.3–1 s here) and answers one row. */
const SLOW = 'SELECT count(*) AS n FROM range(30000000) a WHERE hash(a.range) % 7 = 3';

describe('request bounds on POST /api/sql', () => {
  it('refuses a body over the limit with 413, before parsing it (with and without content-length)', async () => {
    const app = appWith({});
    const big = sqlBody(`SELECT '${'x'.repeat(2 * 1024 * 1024)}'`);
    const started = Date.now();
    const res = await post(app, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 64; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        c.close();
      },
    });
    const chunked = await app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('cuts the answer at sql.max_response_bytes and says so, however few the rows', async () => {
    const app = appWith({ max_response_bytes: 1024 * 1024 });
    const one = await post(app, sqlBody("SELECT repeat('x', 5000000) AS s"));
    expect(one.status).toBe(200);
    const oneBody = (await one.json()) as { rows: unknown[]; truncated: boolean; truncated_by: string };
    expect(oneBody).toMatchObject({ rows: [], truncated: true, truncated_by: 'bytes' });
    const many = await post(app, sqlBody("SELECT i, repeat('y', 1000) AS s FROM range(100000) t(i)"));
    const text = await many.text();
    expect(text.length).toBeLessThan(1.2 * 1024 * 1024);
    const manyBody = JSON.parse(text) as { rows: unknown[]; truncated_by: string };
    expect(manyBody.truncated_by).toBe('bytes');
    expect(manyBody.rows.length).toBeGreaterThan(900);
    const rows = await post(app, sqlBody('SELECT * FROM range(20000)'));
    expect(await rows.json()).toMatchObject({ truncated: true, truncated_by: 'rows', rows: { length: 10_000 } });
  });

  it('runs max_concurrent at once, queues max_queued, and answers the rest 503 with Retry-After', async () => {
    const app = appWith({ max_concurrent: 1, max_queued: 1, timeout_ms: 20_000 });
    const answers = await Promise.all([0, 1, 2, 3].map(() => post(app, sqlBody(SLOW))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503]);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.headers.get('retry-after')).toBe('20');
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('busy');
  });

  it('counts the timeout from before the gate: a query whose check alone outlasts it is interrupted', async () => {
    const app = appWith({ timeout_ms: 40 });
    // 2,000 unused CTEs: the gate needs ~100–200 ms for them, the query itself ~10 ms
    const sql = `WITH ${Array.from({ length: 2000 }, (_, i) => `t${i} AS (SELECT ${i} AS a)`).join(', ')} SELECT 1 AS one`;
    const res = await post(app, sqlBody(sql));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/interrupted after the 40 ms timeout/);
  });

  it('refuses query text over the gate limit whatever the path (CLI included)', async () => {
    await expect(store.readOnlyQuery(`SELECT '${'x'.repeat(70 * 1024)}'`, { limit: 1, timeoutMs: 5000 })).rejects.toThrow(/more than 65536/);
  });
});
