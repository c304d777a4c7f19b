// Reads incident reports from a MediaWiki api.php (wikitech): every page under the
// configured prefixes (redirects left out: the 2022 move left the old titles as
// redirects), with its current wikitext, through generator=allpages + prop=revisions,
// 50 pages a request, following `continue`. Each page goes out unchanged as one raw item
// `report` keyed by its title. Retries, backoff and Retry-After are the shared client's
// (src/lib/http). I/O only. https://www.mediawiki.org/wiki/API:Allpages, API:Revisions, API:Continue
import { ShiplogError } from '../../lib/errors.ts';
import { httpClientFor } from '../http.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { IncidentsConfig } from './config.ts';

interface ApiAnswer {
  continue?: Record<string, string>;
  query?: { pages?: { title: string; missing?: boolean; revisions?: { slots?: { main?: { content?: string } }; content?: string }[] }[] };
  error?: { code: string; info: string };
}

/** A MediaWiki API error in a 200 answer fails at once, naming its code. */
function checkAnswer(value: unknown): void {
  const err = (value as ApiAnswer | null)?.error;
  if (err) throw new ShiplogError('source_protocol', `API error ${err.code}: ${err.info}`);
}

export function pageUrl(api: string, title: string): string {
  return `${api.replace(/\/w\/api\.php.*$|\/api\.php.*$/, '')}/wiki/${encodeURI(title.replace(/ /g, '_'))}`;
}

export async function* collectIncidentsApi(ctx: CollectContext<IncidentsConfig>, hours: number): AsyncGenerator<Batch> {
  const api = ctx.scope;
  const prefixes = ctx.config?.prefixes ?? ['Incidents/', 'Incident documentation/'];
  let done = 0;
  const http = httpClientFor(ctx);
  for (const prefix of prefixes) {
    let cont: Record<string, string> = { continue: '' };
    for (;;) {
      const q = new URLSearchParams({
        action: 'query', format: 'json', formatversion: '2', generator: 'allpages', gapprefix: prefix, gapnamespace: '0',
        gapfilterredir: 'nonredirects', gaplimit: '50', prop: 'revisions', rvprop: 'content', rvslots: 'main', ...cont,
      });
      const url = `${api}?${q}`;
      const doc = await http.json<ApiAnswer>(url, { check: checkAnswer });
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
