// Reads of people for the CLI and the API: the list, one person with their accounts and
// every join that concerns them (rule, evidence, decision), the open proposals, the
// decisions made by hand, and the count of joins per rule.
import { loadSql } from '../lib/sql.ts';
import { ShiplogError } from '../lib/errors.ts';
import type { Store } from '../store/index.ts';

type Row = Record<string, unknown>;

export function listPeople(store: Store, o: { filter?: string | null; bots?: boolean; limit?: number } = {}): Promise<Row[]> {
  return store.all(loadSql(import.meta.url, 'list.sql'), [o.filter ?? null, o.bots ?? false, o.limit ?? 1000]);
}

/** The person a reference names: a person key, or any account or username of theirs. */
export async function personOf(store: Store, ref: string): Promise<string> {
  const rows = await store.all<{ person_key: string }>(
    `SELECT DISTINCT person_key FROM (
       SELECT person_key FROM people WHERE person_key = $1 OR person_key = 'person:' || $1
       UNION ALL
       SELECT person_key FROM identities WHERE person_key IS NOT NULL AND (identity_key = $1 OR identity_key = 'git:' || lower($1)
         OR identity_key = 'phabricator:' || $1 OR identity_key = 'irc:' || lower($1) OR lower(username) = lower($1))
     ) ORDER BY 1`, [ref.trim()]);
  if (rows.length === 0) throw new ShiplogError('not_found', `no person "${ref}" (give a person key, an account such as git:<email>, an email, a PHID or a username)`);
  if (rows.length > 1) throw new ShiplogError('bad_request', `"${ref}" names ${rows.length} people (${rows.map((r) => r.person_key).join(', ')}): give one of them`);
  return rows[0].person_key;
}

export async function showPerson(store: Store, ref: string): Promise<{ person: Row; accounts: Row[]; merges: Row[] }> {
  const key = await personOf(store, ref);
  const [person] = await store.all('SELECT person_key, display_name, accounts, systems, bot, bot_list_version FROM people WHERE person_key = $1', [key]);
  const accounts = await store.all(loadSql(import.meta.url, 'show-accounts.sql'), [key]);
  const merges = await store.all(loadSql(import.meta.url, 'show-merges.sql'), [key]);
  return { person, accounts, merges };
}

export function proposals(store: Store, limit = 1000): Promise<Row[]> {
  return store.all(loadSql(import.meta.url, 'proposals.sql'), [limit]);
}

export function decisions(store: Store): Promise<Row[]> {
  return store.all('SELECT decision_id, action, identity_keys, person_id, display_name, note, decided_at, undone_at FROM people_decisions ORDER BY decided_at, decision_id');
}

export function ruleCounts(store: Store): Promise<Row[]> {
  return store.all(loadSql(import.meta.url, 'rules.sql'));
}
