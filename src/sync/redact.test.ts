// Credentials in a source URL (`http://user:password@host/`) are never printed or stored:
// not by `shiplog config`, not in sync_state.last_error or rejects (both readable by anyone
// through /api/status and read-only SQL), not in the sync summary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplogInProcess } from '../../test/helpers/cli.ts';
import { testApp } from '../api/test-world.ts';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { syncSources } from './service.ts';

const PASSWORD = 'hunter2-Xq9';
const URL_WITH_CREDENTIALS = `http://bot:${PASSWORD}@zuul.example.invalid/zuul/status.json?token=${PASSWORD}`;
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-redact-'));
  store = await openStore(':memory:');
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = configSchema.parse({ sources: { zuul: { url: URL_WITH_CREDENTIALS } } });
const deps = (fetchImpl: typeof fetch) => ({ store, config, log: silentLogger(), clock: () => new Date('2024-03-01T12:00:00Z'), fetch: fetchImpl });

describe('credentials in source URLs', () => {
  it('`shiplog config` prints the URL without them', async () => {
    writeFileSync(join(dir, 'shiplog.yaml'), `sources:\n  zuul:\n    url: "${URL_WITH_CREDENTIALS}"\n`);
    for (const args of [['config'], ['--json', 'config']]) {
      const r = await shiplogInProcess(args, { cwd: dir, env: { SHIPLOG_CONFIG: join(dir, 'shiplog.yaml') } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('zuul.example.invalid');
      expect(r.stdout).not.toContain(PASSWORD);
    }
  });

  it('a failing sync stores and reports the error without them', async () => {
    const failing = (async (url: string | URL | Request) => {
      throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${String(url)}`);
    }) as typeof fetch;
    const [summary] = await syncSources(deps(failing), ['zuul']);
    expect(summary.errors.join('\n')).toContain('zuul.example.invalid');
    expect(JSON.stringify(summary)).not.toContain(PASSWORD);
    const state = await store.all<{ last_error: string }>("SELECT last_error FROM sync_state WHERE source = 'zuul'");
    expect(state[0].last_error).toMatch(/http:\/\/\*\*\*@zuul\.example\.invalid/);
    const app = await testApp(store);
    const body = await (await app.request('/api/status')).text();
    expect(body).toContain('zuul.example.invalid');
    expect(body).not.toContain(PASSWORD);
  });

  it('a reject naming the URL (HTTP 500) is stored without them', async () => {
    const http500 = (async () => new Response('down', { status: 500 })) as typeof fetch;
    await syncSources(deps(http500), ['zuul']);
    const rows = await store.all<{ location: string }>("SELECT location FROM rejects WHERE source = 'zuul'");
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    const all = await store.readOnlyQuery('SELECT * FROM sync_state, rejects', { limit: 1000, timeoutMs: 5000 });
    expect(JSON.stringify(all.rows), JSON.stringify(all.rows).slice(0, 2000)).not.toContain(PASSWORD);
  });
});
