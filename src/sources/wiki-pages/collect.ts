// Reads saved MediaWiki API answers for mediawiki.org pages — action=query&prop=revisions
// &rvprop=ids|timestamp|content&rvslots=main&format=json (formatversion 1 or 2) — one raw
// item per page revision. A file that is not such an answer is a reject naming the file.
// I/O only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { Revision } from './normalize.ts';

interface ApiRevision { revid?: number; timestamp?: string; slots?: { main?: { content?: string; '*'?: string } }; content?: string; '*'?: string }
interface ApiPage { title?: string; revisions?: ApiRevision[]; missing?: boolean | string }

/** The revisions in one API answer, or a reason it is not one. */
export function revisionsOf(text: string): Revision[] | string {
  let doc: { query?: { pages?: ApiPage[] | Record<string, ApiPage> } };
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return `not JSON (${(err as Error).message})`;
  }
  const pages = doc?.query?.pages;
  if (!pages) return 'no query.pages: not an action=query&prop=revisions answer';
  const out: Revision[] = [];
  for (const p of Array.isArray(pages) ? pages : Object.values(pages)) {
    if (!p?.title || p.missing !== undefined) continue;
    for (const r of p.revisions ?? []) {
      const content = r.slots?.main?.content ?? r.slots?.main?.['*'] ?? r.content ?? r['*'];
      if (typeof content === 'string' && typeof r.timestamp === 'string') out.push({ title: p.title, revid: r.revid ?? 0, timestamp: r.timestamp, content });
    }
  }
  return out;
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
}

export async function* collectWikiPages(ctx: CollectContext<unknown>): AsyncGenerator<Batch> {
  for (const path of ctx.paths) {
    for (const file of files(path)) {
      const items: RawItem[] = [];
      const rejects: Reject[] = [];
      const revs = revisionsOf(readFileSync(file, 'utf8'));
      if (typeof revs === 'string') rejects.push({ kind: 'revision', key: file, location: file, reason: `${file}: ${revs}` });
      else for (const r of revs) items.push({ kind: 'revision', key: `${r.title}@${r.revid}`, url: file, payload: JSON.stringify(r) });
      yield { items, rejects };
    }
  }
}
