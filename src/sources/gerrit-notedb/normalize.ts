// Raw `change-meta` items (one change's NoteDB history, see payload.ts) → changes,
// patchsets, votes, change_messages, identities, ci_builds and commit-footer links,
// through the ChangeRecord shared with the REST source. Pure; bad input becomes rejects.
import { changeRows, emptyGerritRows, type GerritRows } from '../gerrit-common/rows.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Reject } from '../types.ts';
import { changeFromMeta } from './change-from-meta.ts';
import { parseMetaLog } from './meta-log.ts';
import type { ChangeMetaPayload } from './payload.ts';

/** The message of a commit as `git cat-file commit` prints it (after the first blank line). */
export function commitObjectMessage(text: string): string {
  const i = text.indexOf('\n\n');
  return i < 0 ? '' : text.slice(i + 2).replace(/\n+$/, '');
}

export function normalizeNotedb(records: RawRecord[], _ctx: NormalizeContext): { rows: GerritRows; rejects: Reject[] } {
  const rows = emptyGerritRows();
  const out = { rows, rejects: [] as Reject[] };
  for (const rec of records) {
    const where = { rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key };
    if (rec.kind !== 'change-meta') {
      out.rejects.push({ ...where, reason: `unknown gerrit-notedb record kind "${rec.kind}"` });
      continue;
    }
    let p: ChangeMetaPayload;
    try {
      p = JSON.parse(rec.payload);
    } catch (err) {
      out.rejects.push({ ...where, reason: `change-meta payload is not JSON: ${(err as Error).message}` });
      continue;
    }
    if (!p || typeof p !== 'object' || typeof p.meta !== 'string' || typeof p.number !== 'number' || !p.refs || typeof p.refs !== 'object') {
      out.rejects.push({ ...where, reason: 'change-meta payload is not {number, meta, refs, …}' });
      continue;
    }
    const log = parseMetaLog(p.meta);
    const problems = [...log.errors];
    if (log.commits.length === 0) {
      for (const reason of problems) out.rejects.push({ ...where, reason: `change ${p.number}: ${reason}` });
      out.rejects.push({ ...where, reason: `change ${p.number}: meta log has no commits` });
      continue;
    }
    const change = changeFromMeta({
      host: p.host, project: p.project, number: p.number, commits: log.commits.reverse(),
      patchsetRefs: Object.fromEntries(Object.entries(p.refs).filter(([k]) => k !== 'meta')),
      commitMessage: p.commit === null ? null : commitObjectMessage(p.commit),
    }, problems);
    changeRows(change, rec.rawId, rows);
    for (const reason of problems) out.rejects.push({ ...where, reason: `change ${p.number}: ${reason}` });
  }
  return out;
}
