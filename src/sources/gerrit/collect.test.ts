// The gerrit source against a local HTTP server (node:http on 127.0.0.1) serving recorded
// WMF pages (`)]}'` kept) split into S= pages, and injected failures: 500, 429 with
// Retry-After, a truncated body, invalid JSON, a timeout and 401.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import type { CollectContext } from '../types.ts';
import { collectGerrit } from './collect.ts';
import { gerritConfigSchema, type GerritConfig } from './config.ts';
import { parseGerritJson } from './http.ts';
import { gerritSource } from './index.ts';

const recorded = readFileSync(new URL('./fixtures/wmf-rest-changes-q-bug-T181315.raw', import.meta.url), 'utf8');
const all = parseGerritJson(recorded, 'fixture') as Record<string, unknown>[];
const page = (items: unknown[]) => `)]}'\n${JSON.stringify(items)}\n`;

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(handler: Handler): Promise<{ base: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res, requests.length);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  close = () => { server.closeAllConnections(); server.close(); };
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`, requests };
}

/** Serves the recorded changes 5 per page, marking `_more_changes` like Gerrit. */
const pager: Handler = (req, res) => {
  const url = new URL(req.url!, 'http://x');
  const start = Number(url.searchParams.get('S'));
  const items = all.slice(start, start + 5).map((c) => ({ ...c }));
  if (start + 5 < all.length) (items[items.length - 1] as Record<string, unknown>)._more_changes = true;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(page(items));
};

const config = (base: string, extra: Partial<GerritConfig> = {}): GerritConfig =>
  gerritConfigSchema.parse({ url: base, query: 'bug:T181315', page_size: 5, retry_base_ms: 1, retry_max_ms: 20, timeout_ms: 500, ...extra });

function ctx(c: GerritConfig, cursor: string | null = null): CollectContext<GerritConfig> {
  return { source: 'gerrit', scope: 'bug:T181315', cursor, config: c, paths: [], options: {}, fetch: globalThis.fetch, clock: () => new Date('2025-01-01T00:00:00Z'), log: silentLogger() };
}

async function drain(c: CollectContext<GerritConfig>) {
  const batches = [];
  for await (const b of collectGerrit(c)) batches.push(b);
  return batches;
}

describe('gerrit collect', () => {
  it('pages with S= until _more_changes is absent and stores every change', async () => {
    const { base, requests } = await serve(pager);
    const store = await openStore(':memory:');
    const deps = { store, log: silentLogger(), clock: () => new Date('2025-01-01T00:00:00Z'), fetch: globalThis.fetch };
    const summary = await runSource(deps, { source: gerritSource, config: config(base), paths: [], options: {} });
    expect(summary.errors).toEqual([]);
    expect(requests.map((r) => new URL(r.url!, 'http://x').searchParams.get('S'))).toEqual(['0', '5', '10']);
    expect(requests[0].url).toMatch(/^\/r\/changes\/\?q=bug%3AT181315&n=5&S=0&o=ALL_REVISIONS&o=ALL_COMMITS&o=MESSAGES&o=DETAILED_LABELS&o=DETAILED_ACCOUNTS$/);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM changes');
    expect(n).toBe(13);
    expect(await store.all("SELECT status, original_status, project, merged_at FROM changes WHERE number = 419090")).toEqual([
      { status: 'merged', original_status: 'MERGED', project: 'operations/puppet', merged_at: new Date('2018-03-13T10:57:37Z') },
    ]);
    const [state] = await store.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'gerrit'");
    expect(state.cursor).toBe(all.map((c) => c.updated as string).sort().at(-1));

    requests.length = 0;
    await runSource(deps, { source: gerritSource, config: config(base), paths: [], options: {} });
    const q = new URL(requests[0].url!, 'http://x').searchParams.get('q');
    expect(q).toMatch(/^\(bug:T181315\) after:"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"$/);
    const after = new Date(`${/after:"(.*)"/.exec(q!)![1].replace(' ', 'T')}Z`);
    expect(new Date(`${state.cursor.slice(0, 19).replace(' ', 'T')}Z`).getTime() - after.getTime()).toBe(10 * 60_000);
    await store.close();
  });

  it('retries 500, 429, a truncated body and a timeout, then succeeds', async () => {
    const body = page(all.slice(0, 3));
    const { base, requests } = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(500).end('Internal Server Error');
      else if (n === 2) res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      else if (n === 3) res.writeHead(200).end(body.slice(0, 200)); // cut mid-JSON
      else if (n === 4) setTimeout(() => res.writeHead(200).end(body), 2000); // beyond timeout_ms
      else res.writeHead(200).end(body);
    });
    const batches = await drain(ctx(config(base)));
    expect(requests).toHaveLength(5);
    expect(batches.flatMap((b) => b.items)).toHaveLength(3);
  });

  it('gives up on persistent invalid JSON with a message naming the URL', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(200).end(")]}'\n<html>proxy error</html>"));
    await expect(drain(ctx(config(base, { retries: 2 })))).rejects.toThrow(/127\.0\.0\.1.*\/r\/changes\/\?q=.*not valid JSON.*\(after 3 attempts\)$/);
    expect(requests).toHaveLength(3);
  });

  it('fails at once on 401 naming the URL, and sends basic auth under /a/', async () => {
    const { base, requests } = await serve((_req, res) => res.writeHead(401).end('Unauthorized'));
    const c = config(base, { username: 'shiplog', password: 's3cret' });
    await expect(drain(ctx(c))).rejects.toMatchObject({ code: 'source_auth', message: expect.stringMatching(/\/r\/a\/changes\/\?q=.*HTTP 401/) });
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from('shiplog:s3cret').toString('base64')}`);
  });
});

describe('gerrit retries through the shared client', () => {
  it('waits what Retry-After says, else backs off exponentially (jittered), up to retry_max_ms', async () => {
    const { base } = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '7' }).end();
      else if (n <= 3) res.writeHead(503).end();
      else res.writeHead(200).end(")]}'\n[]");
    });
    const waits: number[] = [];
    const c = { ...ctx(config(base, { retries: 4, retry_base_ms: 100, retry_max_ms: 60_000 })), sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 };
    expect((await drain(c)).flatMap((b) => b.items)).toEqual([]);
    expect(waits).toEqual([7000, 150, 300]); // Retry-After as given; then 100·2^n at 75 %
  });
});
