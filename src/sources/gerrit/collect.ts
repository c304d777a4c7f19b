// Collects changes from Gerrit REST: `GET /changes/?q=<scope>&o=…&n=&S=`, paging with S
// until the last change has no `_more_changes`; incremental by `after:"<last updated −
// overlap>"` (UTC, Gerrit's default zone for `after:`). One raw item per change (its
// ChangeInfo JSON). The cursor moves only when a whole run is stored, so a killed run
// repeats the query instead of skipping what it had not reached. I/O only.
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { GerritConfig } from './config.ts';
import { gerritClient, getGerritJson } from './http.ts';
import { formatGerritTime, parseGerritTime } from './time.ts';

/** ChangeInfo options: every patch set with its commit, messages, votes with accounts. */
export const CHANGE_OPTIONS = ['ALL_REVISIONS', 'ALL_COMMITS', 'MESSAGES', 'DETAILED_LABELS', 'DETAILED_ACCOUNTS'];

export function changesUrl(c: GerritConfig, query: string, start: number): string {
  const base = c.url.replace(/\/+$/, '');
  const prefix = c.username && c.password ? '/a' : '';
  const o = CHANGE_OPTIONS.map((x) => `&o=${x}`).join('');
  return `${base}${prefix}/changes/?q=${encodeURIComponent(query)}&n=${c.page_size}&S=${start}${o}`;
}

/** The query of one run: the scope, narrowed by `after:` on incremental runs. */
export function runQuery(scope: string, cursor: string | null, overlapMinutes: number): string {
  const last = cursor ? parseGerritTime(cursor) : null;
  if (!last) return scope;
  const after = new Date(last.getTime() - overlapMinutes * 60_000);
  return `(${scope}) after:"${formatGerritTime(after)}"`;
}

export async function* collectGerrit(ctx: CollectContext<GerritConfig>): AsyncGenerator<Batch> {
  const c = ctx.config;
  if (!c) throw new ShiplogError('config_invalid', 'sync gerrit: no "sources.gerrit" section in the config');
  const http = gerritClient(ctx, c);
  const query = runQuery(ctx.scope, ctx.cursor, c.overlap_minutes);
  let latest = ctx.cursor;
  let start = 0;
  let done = 0;
  for (;;) {
    const url = changesUrl(c, query, start);
    const page = await getGerritJson(http, url);
    if (!Array.isArray(page)) throw new ShiplogError('source_protocol', `${url}: expected a JSON array of changes, got ${typeof page}`);
    const items: RawItem[] = [];
    const rejects: Reject[] = [];
    let more = false;
    for (const [i, change] of page.entries()) {
      if (typeof change !== 'object' || change === null || typeof change._number !== 'number') {
        rejects.push({ kind: 'change', location: `${url}#${i}`, reason: 'array element is not a ChangeInfo with _number' });
        continue;
      }
      const { _more_changes: flag, ...info } = change as Record<string, unknown>;
      if (flag === true) more = true; // a paging marker, not part of the change
      items.push({ kind: 'change', key: String(info._number), url, payload: JSON.stringify(info) });
      if (typeof info.updated === 'string' && (!latest || info.updated > latest)) latest = info.updated;
    }
    done += page.length;
    start += page.length;
    const last = !more || page.length === 0;
    yield { items, rejects, cursor: last ? latest : undefined, progress: { done } };
    if (last) return;
  }
}
