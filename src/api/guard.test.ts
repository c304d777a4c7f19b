// Cross-site and DNS-rebinding requests are refused: only the server's own host names
// (localhost, IP addresses, server.host, server.allowed_hosts), only application/json
// bodies, no foreign Origin on anything but GET. With server.read_token set, every read
// needs it too (Bearer, or Basic for a browser), and a cached answer is not handed out
// without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { exposureWarnings } from './serve.ts';

const WRITE = 'write-token-0123456789';
const READ = 'read-token-0123456789abcdef';
let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(() => store.close());

function appWith(server: Record<string, unknown> = {}): Hono {
  const config = configSchema.parse({ server });
  return createApp({ store, config, log: silentLogger(), clock: () => new Date(), fetch, tokens: [WRITE] });
}
const sql = (app: Hono, headers: Record<string, string>) =>
  app.request('http://127.0.0.1:8080/api/sql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ sql: 'SELECT 1 AS a' }) });

describe('Host check (DNS rebinding)', () => {
  it('answers localhost, IP addresses and the configured names only', async () => {
    const app = appWith({ allowed_hosts: ['shiplog.example.org'] });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '127.0.0.1', '[::1]:8080', '10.1.2.3:80', 'shiplog.example.org', 'SHIPLOG.example.org:443']) {
      const res = await app.request('http://x/api/tables', { headers: { host } });
      expect(res.status, host).toBe(200);
    }
    for (const host of ['evil.example', 'attacker.example:8080', 'localhost.evil.example', '127.0.0.1.evil.example']) {
      const res = await app.request('http://x/api/tables', { headers: { host } });
      expect(res.status, host).toBe(403);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/allowed_hosts/);
      expect((await sql(app, { host })).status, `${host} POST`).toBe(403);
    }
  });
});

describe('cross-site requests', () => {
  it('refuses a text/plain or form body on POST /api/sql with 415', async () => {
    const app = appWith();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await sql(app, { 'content-type': type });
      expect(res.status, type).toBe(415);
    }
    expect((await app.request('/api/sql', { method: 'POST', body: JSON.stringify({ sql: 'SELECT 1' }) })).status).toBe(415);
  });

  it('refuses a foreign Origin (or Sec-Fetch-Site: cross-site) on anything but GET; same origin and no Origin pass', async () => {
    const app = appWith();
    expect((await sql(app, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await sql(app, { origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await sql(app, { origin: 'null' })).status).toBe(403);
    expect((await sql(app, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await sql(app, { origin: 'http://127.0.0.1:8080' })).status).toBe(200);
    expect((await sql(app, {})).status).toBe(200);
    const write = await app.request('http://127.0.0.1:8080/api/sync', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example', authorization: `Bearer ${WRITE}` }, body: '{}',
    });
    expect(write.status).toBe(403);
  });
});

describe('server.read_token', () => {
  it('makes every read need it (Bearer read or write token, or Basic from a browser); health stays open', async () => {
    const app = appWith({ read_token: READ });
    const none = await app.request('/api/tables');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="shiplog"/);
    expect((await sql(app, {})).status).toBe(401);
    expect((await app.request('/api/tables', { headers: { authorization: 'Bearer wrong-token-xxxxxxxx' } })).status).toBe(401);
    expect((await app.request('/api/tables', { headers: { authorization: `Bearer ${READ}` } })).status).toBe(200);
    expect((await app.request('/api/tables', { headers: { authorization: `Bearer ${WRITE}` } })).status).toBe(200);
    const basic = `Basic ${Buffer.from(`anyone:${READ}`).toString('base64')}`;
    expect((await app.request('/api/tables', { headers: { authorization: basic } })).status).toBe(200);
    expect((await sql(app, { authorization: `Bearer ${READ}` })).status).toBe(200);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/status')).status).toBe(401);
  });

  it('never serves a cached answer to a request without it', async () => {
    const app = appWith({ read_token: READ });
    const auth = { authorization: `Bearer ${READ}` };
    expect((await app.request('/api/tables/tasks', { headers: auth })).status).toBe(200);
    expect((await app.request('/api/tables/tasks', { headers: auth })).status).toBe(200);
    expect((await app.request('/api/tables/tasks')).status).toBe(401);
  });

  it('is what `shiplog serve` asks for when bound beyond loopback', () => {
    const loop = configSchema.parse({}).server;
    expect(exposureWarnings('127.0.0.1', loop)).toEqual([]);
    expect(exposureWarnings('::1', loop)).toEqual([]);
    expect(exposureWarnings('localhost', loop)).toEqual([]);
    const open = exposureWarnings('0.0.0.0', loop).join('\n');
    expect(open).toMatch(/0\.0\.0\.0 .*network/);
    expect(open).toMatch(/server\.read_token/);
    expect(open).toMatch(/server\.allowed_hosts/);
    const guarded = exposureWarnings('0.0.0.0', configSchema.parse({ server: { read_token: READ, allowed_hosts: ['shiplog.example.org'] } }).server);
    expect(guarded.join('\n')).not.toMatch(/read_token|allowed_hosts/);
    expect(guarded.join('\n')).toMatch(/plain HTTP/);
  });
});
