// The test-health routes over a hand-made history (src/metrics/test_health/history.fixture.ts):
// each answers with rows, the definition id@version and a bad_request for bad parameters.
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { silentLogger } from '../../lib/log.ts';
import { seedHistory } from '../../metrics/test_health/history.fixture.ts';
import { openStore } from '../../store/index.ts';
import type { AppDeps } from '../deps.ts';
import { errorResponse } from '../errors.ts';
import { registerTestRoutes } from './tests.ts';

async function app() {
  const store = await openStore(':memory:');
  await seedHistory(store);
  const a = new Hono();
  a.onError((err, c) => errorResponse(c, err));
  registerTestRoutes(a, { store, clock: () => new Date('2025-01-31T00:00:00Z'), log: silentLogger() } as unknown as AppDeps);
  return { a, store };
}

describe('test-health routes', () => {
  it('answer with the report rows, id and version', async () => {
    const { a, store } = await app();
    const get = async (path: string) => {
      const res = await a.request(path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as { id: string; version: number; rows: Record<string, unknown>[] };
    };
    const all = await get('/api/tests?repo=r');
    expect(all).toMatchObject({ id: 'test_health', version: 1 });
    expect(all.rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect((await get('/api/tests/failing')).rows.map((r) => r.name)).toEqual(['a']);
    expect((await get('/api/tests/flaky')).rows.map((r) => r.name)).toEqual(['b']);
    expect((await get('/api/tests/repos')).rows).toMatchObject([{ repo: 'r', failing_tests: 1, flaky_tests: 1 }]);
    expect((await get('/api/tests/history?name=a&limit=3')).rows.map((r) => r.status)).toEqual(['fail', 'pass', 'error']);
    expect((await get('/api/tests/broken')).rows).toEqual([]);
    await store.close();
  });

  it('refuse bad parameters with bad_request', async () => {
    const { a, store } = await app();
    const res = await a.request('/api/tests?state=sometimes');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect((await a.request('/api/tests/history')).status).toBe(400);
    await store.close();
  });
});
