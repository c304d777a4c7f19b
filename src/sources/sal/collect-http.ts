// `shiplog sync sal`: pages through a SAL endpoint (sal.toolforge.org HTML or Atom, or an
// Elasticsearch-style JSON proxy), newest first, until a page reaches the cursor (the
// newest entry of the last run). Retries, backoff and Retry-After are the shared client's
// (src/lib/http). I/O only: the page's entries go out unchanged as raw items.
import { ShiplogError } from '../../lib/errors.ts';
import type { HttpClient } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import { jsonDocs, KeyMaker, sniffFormat } from './collect-file.ts';
import type { SalConfig, SalEndpoint } from './config.ts';
import { atomEntries, htmlRows } from './html.ts';
import { readEntry } from './normalize.ts';

/** Longest wait between attempts; a Retry-After asking for longer fails the endpoint at once. */
const MAX_WAIT_MS = 300_000;

export function fillTemplate(url: string, page: number, size: number, since: string): string {
  return url.replace(/\{page\}/g, String(page)).replace(/\{from\}/g, String(page * size))
    .replace(/\{size\}/g, String(size)).replace(/\{since\}/g, encodeURIComponent(since));
}

/** The shared client with sources.sal's retry settings (attempts in all, first delay). */
export function salClient(ctx: CollectContext<SalConfig>): HttpClient {
  const cfg = ctx.config;
  return httpClientFor(ctx, { retries: (cfg?.attempts ?? 4) - 1, retryBaseMs: cfg?.retry_delay_ms ?? 1000, retryMaxMs: MAX_WAIT_MS });
}

/** The raw items of one fetched page. */
export function pageItems(text: string, ep: SalEndpoint, url: string, keys: KeyMaker): RawItem[] {
  const format = ep.format ?? ({ atom: 'atom', html: 'html' } as Record<string, 'atom' | 'html'>)[sniffFormat(text)] ?? 'es';
  const project = ep.project ?? null;
  if (format === 'html') {
    return htmlRows(text).map((row) => {
      const payload = JSON.stringify({ day: row.day, project, html: row.html });
      return { kind: 'html-row', key: keys.key(payload), payload, url };
    });
  }
  if (format === 'atom') {
    const feed = atomEntries(text);
    return feed.entries.map((xml) => {
      const payload = JSON.stringify({ project: project ?? feed.project, xml });
      return { kind: 'atom-entry', key: keys.key(payload), payload, url };
    });
  }
  const lines = text.trimStart().startsWith('{') && !text.includes('"hits"') ? text.split('\n').filter((l) => l.trim()) : [text];
  return lines.flatMap((l) => jsonDocs(l, url, 1, keys)).map((i) => ({ ...i, url }));
}

/** Cursor text: `<ISO time of the newest entry>|<its id>`. */
export function parseCursor(cursor: string | null): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id = ''] = cursor.split('|');
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}

export async function* collectEndpoint(ctx: CollectContext<SalConfig>): AsyncGenerator<Batch> {
  const ep = ctx.config?.endpoints.find((e) => e.name === ctx.scope);
  if (!ep) throw new ShiplogError('config_invalid', `sources.sal.endpoints: no endpoint named "${ctx.scope}"`);
  const since = parseCursor(ctx.cursor);
  const keys = new KeyMaker();
  let newest: { at: Date; id: string } | null = null;
  let done = 0;
  const http = salClient(ctx);
  for (let page = 0; page < ep.max_pages; page++) {
    const url = fillTemplate(ep.url, page, ep.page_size, since?.at.toISOString() ?? '');
    const items = pageItems(await http.text(url), ep, url, keys);
    const entries = items.map((i) => readEntry(i)).filter((e) => typeof e !== 'string');
    if (entries.length === 0) {
      if (items.length > 0) yield { items };
      break;
    }
    for (const e of entries) {
      if (!newest || e.loggedAt > newest.at) newest = { at: e.loggedAt, id: e.id ?? '' };
    }
    done += items.length;
    yield { items, progress: { done } };
    if (since && entries.some((e) => e.loggedAt <= since.at)) break;
  }
  const cursor = newest && (!since || newest.at > since.at) ? `${newest.at.toISOString()}|${newest.id}` : ctx.cursor;
  yield { items: [], cursor };
}
