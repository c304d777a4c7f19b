// Display names beside person ids: the one place the API turns `git:someone@example.org`,
// `phabricator:PHID-USER-…`, `gerrit:1102` or an IRC nick into a person's name (people
// first, then identities). JSON answers carry `people: {id: name}` for the person
// columns of their rows; the data itself is never rewritten, so exports keep the ids.
import { loadSql } from '../../lib/sql.ts';
import type { Store } from '../../store/index.ts';

/** Columns whose values are person ids (or lists of them), in any table or report. */
export const PERSON_COLUMNS = new Set([
  'deployer', 'deployers', 'planned_deployers', 'owner', 'author', 'uploader', 'voter', 'reviewer',
  'author_email', 'committer_email', 'owner_username', 'author_username', 'nick', 'user_name',
  'started_by', 'ended_by', 'person_key', 'account', 'contact_person',
]);

const MAX_IDS = 2000;

/** The person ids in the person columns of some rows (lists and space/comma lists split). */
export function personIds(rows: Record<string, unknown>[]): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') {
      for (const part of v.split(/[\s,]+/)) if (part && part.length < 200) out.add(part);
    } else if (Array.isArray(v)) v.forEach(add);
  };
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) if (PERSON_COLUMNS.has(k)) add(v);
    if (out.size >= MAX_IDS) break;
  }
  return [...out].slice(0, MAX_IDS);
}

/** id → display name, for the ids that have one. */
export async function displayNames(store: Store, ids: string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await store.all<{ id: string; name: string }>(loadSql(import.meta.url, 'people-names.sql'), [ids]);
  const names: Record<string, string> = {};
  for (const r of rows) names[r.id] ??= r.name; // rows come best rank first per id
  return names;
}

/** `{ people }` for a JSON answer with these rows. */
export async function peopleOf(store: Store, rows: Record<string, unknown>[]): Promise<{ people: Record<string, string> }> {
  return { people: await displayNames(store, personIds(rows)) };
}

/**
 * Rows for people to read: each person id in a person column replaced by its display name
 * (lists and space/comma lists name by name). For text tables only; JSON and CSV keep ids.
 */
export function withDisplayNames(rows: Record<string, unknown>[], names: Record<string, string>): Record<string, unknown>[] {
  const name = (v: unknown): unknown => {
    if (typeof v === 'string') return names[v] ?? v.replace(/[^\s,]+/g, (part) => names[part] ?? part);
    if (Array.isArray(v)) return v.map(name);
    return v;
  };
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, PERSON_COLUMNS.has(k) ? name(v) : v])));
}
