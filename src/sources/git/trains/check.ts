// Normalize-time check of a `wikiversions` raw record (key `<sha>:<path>`): the rows it
// feeds (trains) are made in derive, but a malformed file or an unreadable version is a
// reject once, here, naming the commit, file and wiki. Pure.
import type { RawRecord, Reject } from '../../types.ts';
import { parseBranchVersion } from './versions.ts';
import { scanWikiversions } from './wikiversions.ts';

export function wikiversionsRejects(rec: RawRecord): Reject[] {
  const sep = rec.key.indexOf(':');
  if (sep < 0) return [{ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `wikiversions key "${rec.key}" is not <sha>:<path>` }];
  const path = rec.key.slice(sep + 1);
  const where = `${rec.key.slice(0, sep)}:${path}`;
  const scan = scanWikiversions(rec.payload, where);
  const out: Reject[] = scan.problems.map((p) => ({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? where, reason: p }));
  for (const v of scan.values) {
    if (!parseBranchVersion(v)) {
      out.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? where, reason: `${where}: "${v}" is not a MediaWiki version; moves to or from it are ignored` });
    }
  }
  return out;
}
