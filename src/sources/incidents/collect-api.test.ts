// Reading reports from a MediaWiki api.php served by a local HTTP server in real answer
// shapes (formatversion=2, generator=allpages + revisions, continue): paging, a 429 with
// Retry-After, and errors (HTTP 500, bad JSON) that name the URL.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { incidentsSource } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const page = (title: string, content: string) => ({ pageid: title.length, ns: 0, title, revisions: [{ slots: { main: { contentmodel: 'wikitext', contentformat: 'text/x-wiki', content } } }] });
let server: Server;
let base: string;
let throttled = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (u.pathname === '/broken/api.php') return void res.writeHead(500).end('Internal error');
    if (u.pathname === '/garbled/api.php') return void res.writeHead(200).end('<html>maintenance</html>');
    const prefix = u.searchParams.get('gapprefix');
    if (prefix === 'Incidents/' && !throttled) {
      throttled = true;
      return void res.writeHead(429, { 'retry-after': '0' }).end();
    }
    if (prefix === 'Incidents/' && !u.searchParams.get('gapcontinue')) {
      return json({ batchcomplete: true, continue: { gapcontinue: 'Incidents/2024-12-04_Echo_fatals', continue: 'gapcontinue||' }, query: { pages: [page('Incidents/2022-05-01 Empty page', 'no sections at all')] } });
    }
    if (prefix === 'Incidents/') return json({ batchcomplete: true, query: { pages: [page('Incidents/2024-12-04 Echo fatals', fixture('Incidents-2024-12-04_Echo_fatals.wikitext'))] } });
    return json({ batchcomplete: true, query: { pages: [page('Incident documentation/20180312-Cache-text', fixture('Incident_documentation-20180312-Cache-text.wikitext'))] } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sync = async (api: string) => {
  const store = await openStore(':memory:');
  const summary = await runSource({ store, log: silentLogger(), clock: () => new Date('2025-01-01T00:00:00Z'), fetch: globalThis.fetch, sleep: async () => {} }, {
    source: incidentsSource, config: { paths: [], api, prefixes: ['Incidents/', 'Incident documentation/'], preceding_hours: 4 }, paths: [], options: {},
  });
  return { store, summary };
};

describe('incidents from api.php', () => {
  it('pages through every prefix, after a 429, and keeps titles and URLs', async () => {
    const { store, summary } = await sync(`${base}/w/api.php`);
    expect(summary.errors).toEqual([]);
    expect(summary.rejected).toBe(1); // the page with no report in it
    const rows = await store.all<{ incident_key: string; title: string; url: string }>('SELECT incident_key, title, url FROM incidents ORDER BY 1');
    expect(rows).toEqual([
      { incident_key: 'incident:2018-03-12 Cache-text', title: 'Incident documentation/20180312-Cache-text', url: 'https://wikitech.wikimedia.org/wiki/Incident_documentation/20180312-Cache-text' },
      { incident_key: 'incident:2024-12-04 Echo fatals', title: 'Incidents/2024-12-04 Echo fatals', url: 'https://wikitech.wikimedia.org/wiki/Incidents/2024-12-04_Echo_fatals' },
    ]);
    const [raw] = await store.all<{ url: string }>("SELECT url FROM raw_records WHERE key LIKE 'Incidents/2024%'");
    expect(raw.url).toBe(`${base}/wiki/Incidents/2024-12-04_Echo_fatals`);
    await store.close();
  });

  it('reports an HTTP error and a non-JSON answer with the URL', async () => {
    const broken = await sync(`${base}/broken/api.php`);
    expect(broken.summary.errors[0]).toMatch(new RegExp(`^incidents ${base}/broken/api\\.php: ${base}/broken/api\\.php\\?action=query.*: HTTP 500 \\(after 5 attempts\\)$`));
    const garbled = await sync(`${base}/garbled/api.php`);
    expect(garbled.summary.errors[0]).toMatch(/garbled\/api\.php\?action=query.*: response is not valid JSON \(.*\(after 5 attempts\)$/);
  });
});
