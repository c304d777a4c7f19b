// Normalize-time check of a `wikiversions` raw record (key `<sha>:<path>`): the rows it
// feeds (trains) are made in derive, but a malformed file or an unreadable version is a
// reject once, here, naming the commit, file and wiki. Pure.
import type { RawRecord, Reject } from '../../types.ts';
import { parseBranchVersion } from './versions.ts';
import { parseWikiversions } from './wikiversions.ts';

export function wikiversionsRejects(rec: RawRecord): Reject[] {
  const sep = rec.key.indexOf(':');
  if (sep < 0) return [{ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `wikiversions key "${rec.key}" is not <sha>:<path>` }];
  const path = rec.key.slice(sep + 1);
  const where = `${rec.key.slice(0, sep)}:${path}`;
  const state = parseWikiversions(rec.payload, where);
  const out: Reject[] = state.problems.map((p) => ({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? where, reason: p }));
  const bad = new Map<string, string>(); // version text → first wiki with it
  for (const [wiki, v] of state.versions) if (!bad.has(v) && !parseBranchVersion(v)) bad.set(v, wiki);
  for (const [v, wiki] of bad) {
    out.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? where, reason: `${where}: ${wiki}: "${v}" is not a MediaWiki version; moves to or from it are ignored` });
  }
  return out;
}
