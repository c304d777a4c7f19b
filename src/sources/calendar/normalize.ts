// Raw calendar items → `windows` rows (source 'calendar', planned times, deployers, patch
// limit, requested changes) and window → change links (rule `calendar-request`, the
// {{deploy}} / [[gerrit:N]] text as evidence). Pure: no clock, no I/O.
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Reject } from '../types.ts';
import type { CalendarEntry } from './entry.ts';
import { parseCalendarHtml } from './html.ts';
import { classifyWindowName, windowId } from './names.ts';
import { expandSchedule, type ScheduleParams } from './schedule.ts';
import { parseCalendarWikitext } from './wikitext.ts';

/** `file?from=…&until=…&schedules=…&var.x=…` (collect.ts scheduleKey) → expansion parameters. */
export function scheduleParamsOf(key: string): ScheduleParams | null {
  const q = new URLSearchParams(key.slice(key.indexOf('?') + 1));
  const from = new Date(`${q.get('from')}T00:00:00Z`);
  const until = new Date(`${q.get('until') ?? q.get('from')}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(until.getTime())) return null;
  const vars: Record<string, string> = {};
  for (const [k, v] of q) if (k.startsWith('var.')) vars[k.slice(4)] = v;
  return { from, until, schedules: (q.get('schedules') ?? '').split(',').filter(Boolean), vars };
}

/**
 * The page out of a MediaWiki `api.php?action=parse` answer ({"parse": {"text": {"*": html}}},
 * or "text": html with formatversion=2, or "wikitext" with prop=wikitext); other text as is.
 */
export function pageOf(payload: string): string | Reject {
  if (!/^\s*\{\s*"parse"\s*:/.test(payload)) return payload;
  let doc: { parse?: { text?: string | { '*'?: string }; wikitext?: string | { '*'?: string } } };
  try {
    doc = JSON.parse(payload);
  } catch (err) {
    return { reason: `action=parse answer is not JSON: ${(err as Error).message}` };
  }
  const field = doc.parse?.text ?? doc.parse?.wikitext;
  const text = typeof field === 'string' ? field : field?.['*'];
  return typeof text === 'string' ? text : { reason: 'action=parse answer has no parse.text or parse.wikitext' };
}

function entriesOf(rec: RawRecord): { entries: CalendarEntry[]; rejects: Reject[] } {
  const file = rec.url ?? rec.key;
  const page = rec.kind === 'html' || rec.kind === 'wikitext' ? pageOf(rec.payload) : rec.payload;
  if (typeof page !== 'string') return { entries: [], rejects: [{ ...page, location: file }] };
  if (rec.kind === 'html') return parseCalendarHtml(page, file);
  if (rec.kind === 'wikitext') return parseCalendarWikitext(page, file);
  if (rec.kind === 'schedule') {
    const params = scheduleParamsOf(rec.key);
    if (!params) return { entries: [], rejects: [{ location: rec.key, reason: 'schedule key has no readable from/until' }] };
    return expandSchedule(rec.payload, file, params);
  }
  return { entries: [], rejects: [{ location: rec.key, reason: `unknown calendar record kind "${rec.kind}"` }] };
}

export function normalizeCalendar(records: RawRecord[], _ctx: NormalizeContext): Output<'windows' | 'links'> {
  const out = output('windows', 'links');
  for (const rec of records) {
    const { entries, rejects } = entriesOf(rec);
    out.rejects.push(...rejects.map((r) => ({ ...r, rawId: rec.rawId, kind: rec.kind, key: rec.key })));
    const seen = new Set<string>();
    for (const e of entries) {
      const w = classifyWindowName(e.rawName);
      const windowKey = keys.window(windowId(e.start, w.name));
      if (seen.has(windowKey)) continue; // the same window listed twice in one page
      seen.add(windowKey);
      out.rows.windows.push({
        window_key: windowKey, name: w.name, kind: w.kind, planned_start: e.start, planned_end: e.end,
        opened_at: null, closed_at: null, deployers: e.deployers, max_patches: w.maxPatches,
        requested_changes: e.requested.map((r) => r.change), source: 'calendar', raw_id: rec.rawId,
      });
      for (const r of e.requested) {
        out.rows.links.push({
          src_key: windowKey, dst_key: keys.change(DEFAULT_GERRIT_HOST, r.change), rule: 'calendar-request',
          evidence: r.evidence, confidence: 'high', first_seen_at: e.start, raw_id: rec.rawId,
        });
      }
    }
  }
  return out;
}
