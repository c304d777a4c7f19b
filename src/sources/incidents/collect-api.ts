// Reads incident reports from a MediaWiki api.php (wikitech): every page under the
// configured prefixes (redirects left out: the 2022 move left the old titles as
// redirects), with its current wikitext, through generator=allpages + prop=revisions,
// 50 pages a request, following `continue`. Each page goes out unchanged as one raw item
// `report` keyed by its title. 429/503 are retried after Retry-After (at most 3 times).
// I/O only. https://www.mediawiki.org/wiki/API:Allpages, API:Revisions, API:Continue
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { IncidentsConfig } from './config.ts';

interface ApiAnswer {
  continue?: Record<string, string>;
  query?: { pages?: { title: string; missing?: boolean; revisions?: { slots?: { main?: { content?: string } }; content?: string }[] }[] };
  error?: { code: string; info: string };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson(ctx: CollectContext<IncidentsConfig>, url: string): Promise<ApiAnswer> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await ctx.fetch(url, { headers: { 'user-agent': 'shiplog (release-engineering history)' }, signal: ctx.signal });
    } catch (err) {
      throw new ShiplogError('source_unreachable', `${url}: ${(err as Error).message}`, { cause: err });
    }
    if ((res.status === 429 || res.status === 503) && attempt < 3) {
      const after = Number(res.headers.get('retry-after') ?? '1');
      await wait(Math.min(Number.isFinite(after) ? after : 1, 30) * 1000);
      continue;
    }
    const text = await res.text();
    if (!res.ok) throw new ShiplogError('source_unreachable', `${url}: HTTP ${res.status}: ${text.slice(0, 120)}`);
    let doc: ApiAnswer;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new ShiplogError('source_protocol', `${url}: not JSON (${(err as Error).message}): ${text.slice(0, 80)}`, { cause: err });
    }
    if (doc.error) throw new ShiplogError('source_protocol', `${url}: API error ${doc.error.code}: ${doc.error.info}`);
    return doc;
  }
}

export function pageUrl(api: string, title: string): string {
  return `${api.replace(/\/w\/api\.php.*$|\/api\.php.*$/, '')}/wiki/${encodeURI(title.replace(/ /g, '_'))}`;
}

export async function* collectIncidentsApi(ctx: CollectContext<IncidentsConfig>, hours: number): AsyncGenerator<Batch> {
  const api = ctx.scope;
  const prefixes = ctx.config?.prefixes ?? ['Incidents/', 'Incident documentation/'];
  let done = 0;
  for (const prefix of prefixes) {
    let cont: Record<string, string> = { continue: '' };
    for (;;) {
      const q = new URLSearchParams({
        action: 'query', format: 'json', formatversion: '2', generator: 'allpages', gapprefix: prefix, gapnamespace: '0',
        gapfilterredir: 'nonredirects', gaplimit: '50', prop: 'revisions', rvprop: 'content', rvslots: 'main', ...cont,
      });
      const url = `${api}?${q}`;
      const doc = await getJson(ctx, url);
      const items: RawItem[] = [];
      const rejects: Reject[] = [];
      for (const p of doc.query?.pages ?? []) {
        const rev = p.revisions?.[0];
        const content = rev?.slots?.main?.content ?? rev?.content;
        if (typeof content !== 'string') {
          rejects.push({ location: pageUrl(api, p.title), key: p.title, reason: 'page has no readable revision content' });
          continue;
        }
        items.push({ kind: 'report', key: `${p.title}?preceding_hours=${hours}`, payload: content, url: pageUrl(api, p.title) });
      }
      done += items.length;
      yield { items, rejects, progress: { done } };
      if (!doc.continue) break;
      cont = doc.continue;
    }
  }
}
