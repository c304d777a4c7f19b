// POST /api/upload: a file in a source's wire format (here the SAL ndjson fixture),
// imported like `shiplog import sal <file>`; token, empty bodies and names checked.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openStore, type Store } from '../store/index.ts';
import { testApp } from './test-world.ts';

const FIXTURE = new URL('../sources/sal/fixtures/sal-docs.ndjson', import.meta.url);
let store: Store;
let app: Hono;
const auth = { authorization: 'Bearer test-token-123', 'content-type': 'application/octet-stream' };

beforeAll(async () => {
  store = await openStore(':memory:');
  app = await testApp(store);
});
afterAll(async () => store.close());

describe('POST /api/upload', () => {
  it('imports an uploaded SAL file through the sal source', async () => {
    const res = await app.request('/api/upload?source=sal&filename=sal-docs.ndjson', { method: 'POST', headers: auth, body: readFileSync(FIXTURE) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summaries: { source: string }[] };
    expect(body.summaries[0].source).toBe('sal');
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM log_entries');
    expect(n).toBeGreaterThan(0);
  });

  it('refuses a body over the limit before reading it whole', async () => {
    const res = await app.request('/api/upload?source=sal&filename=big.ndjson', {
      method: 'POST', headers: { ...auth, 'content-length': String(65 * 1024 * 1024) }, body: 'x',
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than/);
  });

  it('refuses no token, an empty body, a path as file name and an unknown source', async () => {
    expect((await app.request('/api/upload?source=sal&filename=a.ndjson', { method: 'POST', body: 'x' })).status).toBe(401);
    const empty = await app.request('/api/upload?source=sal&filename=a.ndjson', { method: 'POST', headers: auth, body: '' });
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/empty/);
    for (const name of ['../../etc/passwd', '..', 'a/b.txt', '']) {
      const r = await app.request(`/api/upload?source=sal&filename=${encodeURIComponent(name)}`, { method: 'POST', headers: auth, body: 'x' });
      expect(r.status, name).toBe(400);
    }
    const unknown = await app.request('/api/upload?source=nope&filename=a.txt', { method: 'POST', headers: auth, body: 'x' });
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown source "nope"/);
  });
});
