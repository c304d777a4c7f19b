// `sync sal` against a local sal.toolforge.org look-alike (node:http): HTML pages newest
// first, a 500 and a 429 with Retry-After on the way, then an incremental second run that
// stops at the page holding the cursor. No real network.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { fillTemplate } from './collect-http.ts';
import { salSource } from './index.ts';

const NOW = new Date('2024-12-06T00:00:00Z');

function row(id: string, hhmm: string, nick: string, message: string): string {
  return `<tr>\n  <td class="time"><a href="/log/${id}">${hhmm}</a></td>\n  <td class="nick">&lt;${nick}&gt;</td>\n  <td class="message">${message}</td>\n  <td class="project">[production]</td>\n</tr>`;
}
function page(day: string, rows: string[]): string {
  return `<table class="sal">\n<tbody>\n<tr><th colspan="4"><a class="day" href="/production?d=${day}">\n ${day}\n</a></th></tr>\n${rows.join('\n')}\n</table>`;
}

const PAGES: Record<string, string[]> = {
  '0': [page('2024-12-05', [
    row('id4', '14:41', 'samtar@deploy2002', 'Finished scap sync-world: Backport for [[<a href="https://gerrit.wikimedia.org/r/#/c/1101577" target="_blank">gerrit:1101577</a>|Add key]] (duration: 08m 47s)'),
    row('id3', '14:32', 'samtar@deploy2002', 'Started scap sync-world: Backport for [[<a href="https://gerrit.wikimedia.org/r/#/c/1101577" target="_blank">gerrit:1101577</a>|Add key]]'),
  ])],
  '1': [page('2024-12-04', [row('id2', '23:59', 'samtar', 'UTC late backport window done'), row('id1', '23:00', 'samtar', 'UTC late backport window starting')])],
};

let server: ReturnType<typeof createServer> | undefined;
afterEach(() => new Promise<void>((res) => (server ? server.close(() => res()) : res())));

async function start(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((res) => server!.listen(0, '127.0.0.1', () => res()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function sync(store: Store, base: string, sleeps: number[]) {
  const config = salSource.configSchema.parse({
    endpoints: [{ name: 'production', url: `${base}/production?p={page}&i=2`, max_pages: 10 }], retry_delay_ms: 100,
  });
  return runSource(
    { store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 },
    { source: salSource, config, paths: [], options: {} },
  );
}

describe('sync sal from an endpoint', () => {
  it('retries a 500, waits out a 429 Retry-After, reads every page, then resumes from the cursor', async () => {
    const requests: string[] = [];
    let failures = ['500', '429'];
    let pages = PAGES;
    const base = await start((req, res) => {
      requests.push(req.url!);
      const p = new URL(req.url!, 'http://x').searchParams.get('p')!;
      const fail = failures.shift();
      if (fail === '500') return res.writeHead(500).end('<html>Internal error</html>');
      if (fail === '429') return res.writeHead(429, { 'retry-after': '3' }).end('slow down');
      res.writeHead(200, { 'content-type': 'text/html' }).end(pages[p]?.[0] ?? page('2024-12-01', []));
    });
    const store = await openStore(':memory:');
    const sleeps: number[] = [];
    const first = await sync(store, base, sleeps);
    expect(first.errors).toEqual([]);
    expect(sleeps).toEqual([75, 3000]); // retry_delay_ms at 75 % (jitter 0.5), then Retry-After: 3
    expect(requests.map((u) => new URL(u, 'http://x').searchParams.get('p'))).toEqual(['0', '0', '0', '1', '2']);
    expect((await store.all('SELECT entry_key FROM log_entries ORDER BY entry_key')).map((r: any) => r.entry_key)).toEqual(['sal:id1', 'sal:id2', 'sal:id3', 'sal:id4']);
    const [state] = await store.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'sal' AND scope = 'production'");
    expect(state.cursor).toBe('2024-12-05T14:41:00.000Z|id4');
    const [dep] = await store.all<Record<string, unknown>>('SELECT kind, outcome, duration_s FROM deployments');
    expect(dep).toEqual({ kind: 'backport', outcome: 'ok', duration_s: 527 });

    // A new entry on top of page 0: the second run reads page 0 only, it reaches the cursor.
    requests.length = 0;
    pages = { ...PAGES, '0': [page('2024-12-05', [row('id5', '15:00', 'samtar', 'UTC afternoon backport window done'), PAGES['0'][0]])] };
    const second = await sync(store, base, sleeps);
    expect(second.raw).toBe(1);
    expect(requests).toHaveLength(1);
    const [state2] = await store.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'sal'");
    expect(state2.cursor).toBe('2024-12-05T15:00:00.000Z|id5');
    await store.close();
  });

  it('fails the endpoint with the URL after the last attempt, and keeps the cursor', async () => {
    const base = await start((_req, res) => res.writeHead(503).end('down'));
    const store = await openStore(':memory:');
    const s = await sync(store, base, []);
    expect(s.errors[0]).toMatch(/sal production: http:\/\/127\.0\.0\.1:\d+\/production\?p=0&i=2: HTTP 503 \(after 4 attempts\)$/);
    await store.close();
  });

  it('pages an Elasticsearch-style endpoint by {from} and stops at an empty page', async () => {
    const hit = (id: string, at: string, message: string) => ({ _id: id, _index: 'sal', _source: { '@timestamp': at, message, nick: 'joal@deploy2002', project: 'analytics' } });
    const pages = [
      [hit('b', '2024-01-01T17:11:59Z', 'Finished deploy [airflow-dags/analytics@8b8a456]: Fix monthly job (duration: 00m 31s)'),
        hit('a', '2024-01-01T17:11:28Z', 'Started deploy [airflow-dags/analytics@8b8a456]: Fix monthly job')],
      [],
    ];
    const seen: string[] = [];
    const base = await start((req, res) => {
      const from = Number(new URL(req.url!, 'http://x').searchParams.get('from'));
      seen.push(String(from));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ took: 1, hits: { hits: pages[from / 2] ?? [] } }));
    });
    const store = await openStore(':memory:');
    const config = salSource.configSchema.parse({ endpoints: [{ name: 'analytics', url: `${base}/sal/_search?from={from}&size={size}`, page_size: 2, format: 'es' }] });
    const s = await runSource({ store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch }, { source: salSource, config, paths: [], options: {} });
    expect(s.errors).toEqual([]);
    expect(seen).toEqual(['0', '2']);
    expect(await store.all('SELECT deploy_key, kind, duration_s FROM deployments')).toEqual([{ deploy_key: 'deploy:sal:a', kind: 'scap3-deploy', duration_s: 31 }]);
    await store.close();
  });

  it('fills URL templates', () => {
    expect(fillTemplate('https://x/sal?from={from}&size={size}&since={since}', 2, 50, '2024-01-01T00:00:00.000Z'))
      .toBe('https://x/sal?from=100&size=50&since=2024-01-01T00%3A00%3A00.000Z');
  });
});
