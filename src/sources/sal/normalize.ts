// Raw SAL items → `log_entries` rows, one per entry, none dropped: every readable entry
// is kept with the form its message has (kind 'other' when none). An item that is not
// an entry at all (a stray wiki line, a document without @timestamp) is a reject naming
// file:line. Pure, record by record; pairing into deployments happens in derive.ts.
import type { RowFor } from '../../model/catalogue/index.ts';
import { keys } from '../../model/ids.ts';
import type { NormalizeResult, RawRecord, Reject, Output } from '../types.ts';
import { splitNick, type SalEntry } from './entry.ts';
import { parseEsDoc } from './es-doc.ts';
import { parseAtomEntry, parseHtmlRow } from './html.ts';
import { parseMessage } from './messages.ts';
import { parseWikiLine } from './wikitext.ts';

interface Wrapped {
  day?: string | null;
  project?: string | null;
  line?: string;
  html?: string;
  xml?: string;
}

function unwrap(payload: string): Wrapped | string {
  try {
    const w = JSON.parse(payload) as Wrapped;
    return w && typeof w === 'object' ? w : 'payload is not an object';
  } catch (err) {
    return `payload is not JSON: ${(err as Error).message}`;
  }
}

/** The entry a raw item (kind + payload) holds, or why it holds none. */
export function readEntry(rec: Pick<RawRecord, 'kind' | 'payload'>): SalEntry | string {
  if (rec.kind === 'es-doc') return parseEsDoc(rec.payload);
  const w = unwrap(rec.payload);
  if (typeof w === 'string') return w;
  if (rec.kind === 'wiki-line') {
    const e = parseWikiLine(w.day ?? null, String(w.line ?? ''));
    return typeof e === 'string' ? e : { id: null, ...e, project: e.project ?? w.project ?? null };
  }
  if (rec.kind === 'html-row') {
    const e = parseHtmlRow({ day: w.day ?? null, html: String(w.html ?? '') });
    return typeof e === 'string' ? e : { ...e, project: e.project ?? w.project ?? null };
  }
  if (rec.kind === 'atom-entry') return parseAtomEntry(String(w.xml ?? ''), w.project ?? null);
  return `unknown SAL record kind "${rec.kind}"`;
}

export function entryRow(rec: RawRecord, e: SalEntry): RowFor<'log_entries'> {
  const who = splitNick(e.nick, e.message);
  return {
    entry_key: keys.logEntry('sal', e.id ?? rec.key),
    logged_at: e.loggedAt,
    nick: e.nick || null,
    user_name: who.userName,
    host: who.host,
    project: e.project,
    channel: e.channel,
    message: who.message,
    kind: parseMessage(who.message).kind,
    raw_id: rec.rawId,
  };
}

export function normalizeSal(records: RawRecord[]): Output<'log_entries'> {
  const rows: RowFor<'log_entries'>[] = [];
  const rejects: Reject[] = [];
  for (const rec of records) {
    const e = readEntry(rec);
    if (typeof e === 'string') {
      rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: e });
    } else {
      rows.push(entryRow(rec, e));
    }
  }
  return { rows: { log_entries: rows }, rejects };
}
