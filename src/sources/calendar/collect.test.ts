// collect() I/O: a URL through the injected fetch (served by a local HTTP server in the
// test), an HTTP error and a refused connection as errors naming the URL, an unrecognised
// file as a reject, and format detection.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import type { Batch, CollectContext } from '../types.ts';
import { collectCalendar, detectFormat } from './collect.ts';
import type { CalendarConfig } from './config.ts';
import { normalizeCalendar, pageOf } from './normalize.ts';

const html = '<table><tr class="deploycal-item" id="x" data-utcstart="2024-12-02T08:00:00+00:00" data-utcend="2024-12-02T09:00:00+00:00"><td class="deploycal-item-window">UTC morning backport window</td></tr></table>';
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/Deployments') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (req.url?.startsWith('/w/api.php')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ parse: { title: 'Deployments', pageid: 1, text: { '*': html } } }));
    res.writeHead(500).end('boom');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ctx = (scope: string, options: Record<string, unknown> = {}): CollectContext<CalendarConfig> => ({
  source: 'calendar', scope, cursor: null, config: undefined, paths: [scope], options, fetch: globalThis.fetch,
  clock: () => new Date(0), log: silentLogger(), sleep: async () => {},
});

async function all(c: CollectContext<CalendarConfig>): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of collectCalendar(c)) out.push(b);
  return out;
}

describe('collectCalendar', () => {
  it('fetches a URL and keeps the page unchanged as an html item', async () => {
    const [b] = await all(ctx(`${base}/Deployments`));
    expect(b.items).toEqual([{ kind: 'html', key: 'Deployments', payload: html, url: `${base}/Deployments` }]);
  });

  it('reads the page out of an api.php?action=parse answer, kept unchanged as raw', async () => {
    const url = `${base}/w/api.php?action=parse&page=Deployments&format=json`;
    const [b] = await all(ctx(url));
    expect(b.items.map((i) => i.kind)).toEqual(['html']);
    const out = normalizeCalendar([{ rawId: 'r', source: 'calendar', scope: url, kind: 'html', key: b.items[0].key, url, payload: b.items[0].payload, contentHash: '', fetchedAt: new Date(0) }], { source: 'calendar', scope: url });
    expect(out.rows.windows.map((w) => w.name)).toEqual(['UTC morning backport window']);
    expect(pageOf('{"parse": {}}')).toEqual({ reason: 'action=parse answer has no parse.text or parse.wikitext' });
  });

  it('fails with the URL on an HTTP error or a refused connection', async () => {
    await expect(all(ctx(`${base}/missing`))).rejects.toThrow(`${base}/missing: HTTP 500`);
    await expect(all(ctx('http://127.0.0.1:9/Deployments'))).rejects.toThrow(/^http:\/\/127\.0\.0\.1:9\/Deployments: /);
  });

  it('rejects a file that is no calendar, and keeps schedule parameters in the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    writeFileSync(join(dir, 'notes.txt'), 'nothing here');
    writeFileSync(join(dir, 'cal.yaml'), '{"windows": {}, "schedule": {}}');
    const [b] = await all(ctx(dir, { from: '2023-01-09', schedules: 'UTC-7', 'var.version': '1.40.0-wmf.18' }));
    expect(b.items.map((i) => [i.kind, i.key])).toEqual([['schedule', 'cal.yaml?from=2023-01-09&until=2023-01-09&schedules=UTC-7&var.version=1.40.0-wmf.18']]);
    expect(b.rejects).toEqual([{ location: join(dir, 'notes.txt'), reason: 'not a Deployments calendar (no .deploycal-item, no event card, no schedule)' }]);
  });

  it('detects the three formats', () => {
    expect(detectFormat(html, 'x')).toBe('html');
    expect(detectFormat('{{Deployment calendar event card\n|when=…}}', 'x.wiki')).toBe('wikitext');
    expect(detectFormat('{{#invoke:Deployment schedule|formatTable|', 'x')).toBe('wikitext');
    expect(detectFormat('{"schedule": {}, "windows": {}}', 'deployments-calendar.json')).toBe('schedule');
    expect(detectFormat('hello', 'x.txt')).toBeNull();
  });
});
