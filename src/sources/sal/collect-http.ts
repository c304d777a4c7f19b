// `shiplog sync sal`: pages through a SAL endpoint (sal.toolforge.org HTML or Atom, or an
// Elasticsearch-style JSON proxy), newest first, until a page reaches the cursor (the
// newest entry of the last run). Retries 5xx and network errors with backoff, honours a
// 429's Retry-After. I/O only: the page's entries go out unchanged as raw items.
import { describeError, ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import { jsonDocs, KeyMaker, sniffFormat } from './collect-file.ts';
import type { SalConfig, SalEndpoint } from './config.ts';
import { atomEntries, htmlRows } from './html.ts';
import { readEntry } from './normalize.ts';

const MAX_WAIT_MS = 300_000;

export function fillTemplate(url: string, page: number, size: number, since: string): string {
  return url.replace(/\{page\}/g, String(page)).replace(/\{from\}/g, String(page * size))
    .replace(/\{size\}/g, String(size)).replace(/\{since\}/g, encodeURIComponent(since));
}

/** Retry-After in seconds or as an HTTP date → milliseconds to wait (capped). */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const s = Number(header);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_WAIT_MS) : null;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((res) => {
  const t = setTimeout(res, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); res(); }, { once: true });
});

export async function fetchPage(ctx: CollectContext<SalConfig>, url: string): Promise<string> {
  const attempts = ctx.config?.attempts ?? 4;
  const base = ctx.config?.retry_delay_ms ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let wait = base * 2 ** (attempt - 1);
    let problem: string;
    try {
      const res = await ctx.fetch(url, { signal: ctx.signal });
      if (res.ok) return await res.text();
      await res.body?.cancel();
      if (res.status === 401 || res.status === 403) throw new ShiplogError('source_auth', `${url}: HTTP ${res.status}`);
      if (res.status !== 429 && res.status < 500) throw new ShiplogError('source_protocol', `${url}: HTTP ${res.status}`);
      problem = `HTTP ${res.status}`;
      wait = retryAfterMs(res.headers.get('retry-after'), ctx.clock()) ?? wait;
    } catch (err) {
      if (err instanceof ShiplogError) throw err;
      problem = describeError(err); // network error or a body cut short: retried like a 5xx
    }
    if (attempt >= attempts) throw new ShiplogError('source_unreachable', `${url}: ${problem} after ${attempt} attempts`);
    ctx.log.warn({ url, attempt, wait }, `SAL page: ${problem}, retrying`);
    const injected = ctx.options.sleep as ((ms: number) => Promise<void>) | undefined; // tests record the waits
    await (injected ? injected(wait) : sleep(wait, ctx.signal));
  }
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
  for (let page = 0; page < ep.max_pages; page++) {
    const url = fillTemplate(ep.url, page, ep.page_size, since?.at.toISOString() ?? '');
    const items = pageItems(await fetchPage(ctx, url), ep, url, keys);
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
