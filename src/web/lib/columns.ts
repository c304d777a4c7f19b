// What a column holds, from its name (and a sample value): entity keys, people, UTC
// times, durations, numbers, messages with wikitext, or plain text; and the header label
// people read. Pure, so the table, the tests and the charts agree.
import { isIsoTime, looksLikeKey } from './format.ts';

export type ColumnKind = 'key' | 'person' | 'time' | 'duration' | 'number' | 'message' | 'text';

/** The person columns of src/api/query/people.ts (the API names them; the page shows them). */
export const PERSON_COLUMNS = new Set([
  'deployer', 'deployers', 'planned_deployers', 'owner', 'author', 'uploader', 'voter', 'reviewer',
  'author_email', 'committer_email', 'owner_username', 'author_username', 'nick', 'user_name',
  'started_by', 'ended_by', 'person_key', 'account', 'contact_person',
]);

const MESSAGES = new Set(['message', 'comment', 'summary', 'title', 'subject', 'first_message', 'evidence', 'change_subject', 'report_headline']);

export function columnKind(name: string, sample?: unknown): ColumnKind {
  if (PERSON_COLUMNS.has(name)) return 'person';
  if (name.endsWith('_key') || looksLikeKey(sample)) return 'key';
  if (/(_at|_start|_end|_finish)$/.test(name) || isIsoTime(sample)) return 'time';
  if (/^(day|bucket|week|month)$/.test(name) && (sample === undefined || sample === null)) return 'time';
  if (/(^|_)(s|duration_s|span_s|busy_s|time_s|age_s)$/.test(name) && (typeof sample === 'number' || sample == null)) return 'duration';
  if (MESSAGES.has(name)) return 'message';
  if (typeof sample === 'number') return 'number';
  return 'text';
}

/** "started_at" → "started at", "deploy_key" → "deploy", "failure_rate_30d" → "failure rate 30d". */
export function columnLabel(name: string): string {
  return name.replace(/_key$/, '').replace(/_s$/, '').replace(/_/g, ' ');
}

/** Compare two cell values for sorting: nulls last, numbers as numbers, times and text as text. */
export function compareValues(a: unknown, b: unknown): number {
  const na = a === null || a === undefined || a === '';
  const nb = b === null || b === undefined || b === '';
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = Array.isArray(a) ? a.join(', ') : String(a);
  const sb = Array.isArray(b) ? b.join(', ') : String(b);
  return sa.localeCompare(sb, 'en', { numeric: true });
}

/** Rows sorted by one column (stable; nulls last in both directions). */
export function sortRows<R extends Record<string, unknown>>(rows: R[], column: string | undefined, dir: 'asc' | 'desc'): R[] {
  if (!column) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  return rows.map((r, i) => ({ r, i })).sort((x, y) => {
    const a = x.r[column];
    const b = y.r[column];
    const nulls = compareValues(a, b);
    const eitherNull = a === null || a === undefined || a === '' || b === null || b === undefined || b === '';
    return (eitherNull ? nulls : sign * nulls) || x.i - y.i;
  }).map((x) => x.r);
}
