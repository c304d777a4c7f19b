// Raw `change` items (one ChangeInfo JSON each) → the same rows the gerrit-notedb source
// makes, through the shared ChangeRecord. Pure; a bad item is a reject naming its URL.
import { changeRows, emptyGerritRows, type GerritRows } from '../gerrit-common/rows.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Reject } from '../types.ts';
import { changeFromRest } from './change-from-rest.ts';
import { shapeIssue } from '../shape.ts';
import { changeInfoShape } from './shape.ts';

/** The host of change keys: from the URL a record came from (…/r/changes/?q=…). */
export function hostOfUrl(url: string | null): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch (err) {
    void err; // not a URL (a file path from `import`): the caller falls back
    return null;
  }
}

export function normalizeGerrit(records: RawRecord[], _ctx: NormalizeContext, defaultHost = 'gerrit.wikimedia.org'): { rows: GerritRows; rejects: Reject[] } {
  const rows = emptyGerritRows();
  const out = { rows, rejects: [] as Reject[] };
  for (const rec of records) {
    const where = { rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key };
    if (rec.kind !== 'change') {
      out.rejects.push({ ...where, reason: `unknown gerrit record kind "${rec.kind}"` });
      continue;
    }
    let info: Record<string, unknown>;
    try {
      info = JSON.parse(rec.payload);
    } catch (err) {
      out.rejects.push({ ...where, reason: `change payload is not JSON: ${(err as Error).message}` });
      continue;
    }
    if (typeof info?._number !== 'number' || typeof info.created !== 'string') {
      out.rejects.push({ ...where, reason: 'ChangeInfo without _number or created' });
      continue;
    }
    const shape = changeInfoShape.safeParse(info);
    if (!shape.success) {
      out.rejects.push({ ...where, reason: `change ${info._number}: not a ChangeInfo: ${shapeIssue(shape.error)}` });
      continue;
    }
    const problems: string[] = [];
    const change = changeFromRest(info, hostOfUrl(rec.url) ?? defaultHost, problems);
    changeRows(change, rec.rawId, rows);
    for (const reason of problems) out.rejects.push({ ...where, reason: `change ${info._number}: ${reason}` });
  }
  return out;
}
