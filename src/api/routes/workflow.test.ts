// The workflow write routes in-process: token required, events land as rows, a
// re-delivered event changes nothing, a done for another window is refused.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { createApp } from '../app.ts';

const open = { type: 'window-open', window_id: '2026-03-04T2100Z-wf-abc123', name: 'UTC late backport window', opened_at: '2026-03-04T21:01:00Z', deployer: 'urbanecm', host: 'deploy2002' };
const end = {
  type: 'deploy-end', deploy_id: '20260304T210500Z-0a1b2c3d', window_id: open.window_id, forced: false, kind: 'backport',
  command: ['scap', 'backport', '1101577'], message: null, changes: [1101577], tasks: [], started_at: '2026-03-04T21:05:00Z',
  deployer: 'urbanecm', host: 'deploy2002', finished_at: '2026-03-04T21:13:47Z', exit_code: 0, outcome: 'ok', staged: true,
};

async function app() {
  const store = await openStore(':memory:');
  const config = loadConfig({ env: {}, cwd: '/nonexistent' }).config;
  return { store, app: createApp({ store, config, log: silentLogger(), clock: () => new Date('2026-03-05T00:00:00Z'), fetch: globalThis.fetch, tokens: ['good-token-123'] }) };
}

const post = (a: Awaited<ReturnType<typeof app>>['app'], path: string, body: unknown, token = 'good-token-123') =>
  a.request(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

describe('workflow routes', () => {
  it('needs a valid token', async () => {
    const { app: a, store } = await app();
    expect((await post(a, '/api/windows', open, 'wrong-token-000')).status).toBe(401);
    expect(await store.all('SELECT * FROM windows')).toEqual([]);
  });

  it('stores windows and deployments, idempotently', async () => {
    const { app: a, store } = await app();
    const r = await post(a, '/api/windows', open);
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ window_key: 'window:2026-03-04T2100Z-wf-abc123' });
    expect((await post(a, '/api/deployments', end)).status).toBe(201);
    expect((await post(a, '/api/deployments', end)).status).toBe(201); // re-delivered from a spool
    const done = { ...open, type: 'window-done', closed_at: '2026-03-04T21:50:00Z' };
    expect((await post(a, `/api/windows/${encodeURIComponent('window:2026-03-04T2100Z-wf-abc123')}/done`, done)).status).toBe(200);
    expect(await store.all('SELECT count(*) AS n FROM raw_records')).toEqual([{ n: 3 }]);
    const [d] = await store.all<Record<string, unknown>>('SELECT deploy_key, outcome, staged, window_key FROM deployments');
    expect(d).toEqual({ deploy_key: 'deploy:workflow:20260304T210500Z-0a1b2c3d', outcome: 'ok', staged: true, window_key: 'window:2026-03-04T2100Z-wf-abc123' });
    const [w] = await store.all<{ closed_at: Date }>('SELECT closed_at FROM windows');
    expect(w.closed_at).toEqual(new Date('2026-03-04T21:50:00Z'));
  });

  it('refuses a malformed event and a done for another window, in the one error shape', async () => {
    const { app: a } = await app();
    const bad = await post(a, '/api/deployments', { ...end, outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const other = await post(a, '/api/windows/window:other/done', { ...open, type: 'window-done', closed_at: '2026-03-04T21:50:00Z' });
    expect(other.status).toBe(400);
    expect((await other.json()).error.message).toMatch(/the body is about window:2026-03-04T2100Z-wf-abc123/);
  });
});
