// Freshness through the API: GET /api/freshness (the page header's call), the same list in
// GET /api/status, the freshness lines of /metrics, and POST /api/sync refused with 409
// while the schedule holds that source's lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { configSchema } from '../../config/schema.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { SourceLocks } from '../../sync/locks.ts';
import { createApp } from '../app.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
let store: Store;
let app: Hono;
const locks = new SourceLocks(() => NOW);

beforeAll(async () => {
  store = await openStore(':memory:');
  const config = configSchema.parse({
    sources: {
      gerrit: { url: 'https://gerrit.example.org/r', projects: ['a', 'b'] },
      sal: { endpoints: [{ name: 'production', url: 'https://sal.example.org/api' }] },
    },
    schedule: { gerrit: { interval: '10m', warn_after: '30m', error_after: '2h' } },
  });
  await store.upsert('sync_state', [
    { source: 'gerrit', scope: 'project:a', last_success_at: ago(5), last_run_at: ago(5), items_total: 0 },
    { source: 'gerrit', scope: 'project:b', last_success_at: ago(45), last_run_at: ago(1), last_error: 'gerrit project:b: HTTP 503', items_total: 0 },
  ]);
  app = createApp({ store, config, log: silentLogger(), clock: () => NOW, fetch, tokens: ['test-token-123'], locks });
});
afterAll(async () => store.close());

describe('freshness in the API', () => {
  it('GET /api/freshness: each synced source against its objective, the worst state on top', async () => {
    const res = await app.request('/api/freshness');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ as_of: NOW.toISOString(), state: 'never', scheduled: false });
    expect(body.sources).toEqual([
      expect.objectContaining({ source: 'sal', state: 'never', age_s: null, stalest_scope: 'production', warn_after_s: 7200, error_after_s: 21_600 }),
      expect.objectContaining({
        source: 'gerrit', state: 'warn', age_s: 45 * 60, stalest_scope: 'project:b', last_error: 'gerrit project:b: HTTP 503',
        warn_after_s: 1800, error_after_s: 7200, scheduled: false, next_sync_at: null,
      }),
    ]);
  });

  it('GET /api/status carries the same list', async () => {
    const body = await (await app.request('/api/status')).json();
    expect(body.freshness.map((f: { source: string; state: string }) => [f.source, f.state])).toEqual([['sal', 'never'], ['gerrit', 'warn']]);
    expect(body.scopes).toHaveLength(2);
  });

  it('/metrics: age, objective and state per source', async () => {
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('shiplog_source_freshness_age_seconds{source="gerrit"} 2700');
    expect(text).not.toMatch(/shiplog_source_freshness_age_seconds\{source="sal"\}/);
    expect(text).toContain('shiplog_source_freshness_objective_seconds{source="gerrit",level="error"} 7200');
    expect(text).toContain('shiplog_source_freshness_state{source="gerrit",state="warn"} 1');
    expect(text).toContain('shiplog_source_freshness_state{source="sal",state="never"} 1');
    expect(text).not.toContain('shiplog_schedule_'); // no schedule runs in this server
  });

  it('POST /api/sync of a source the schedule is syncing: 409 conflict naming the holder', async () => {
    let release!: () => void;
    const held = locks.run(['gerrit'], 'the schedule', () => new Promise<void>((r) => (release = r)));
    const res = await app.request('/api/sync', {
      method: 'POST', headers: { authorization: 'Bearer test-token-123', 'content-type': 'application/json' }, body: JSON.stringify({ sources: ['gerrit'] }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'conflict', message: 'gerrit is being synced (the schedule, since 2026-03-02T12:00:00.000Z); try again when it is done' } });
    release();
    await held;
  });
});
