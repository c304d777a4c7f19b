// Managing people by hand: the mapping file (people.yaml) as people_decisions rows, manual
// merges and splits, undo, and the reads behind `shiplog people list|show|proposals`.
// Every change re-runs the people step at once, so what `show` answers is what every
// report sees. Decisions name accounts (identity keys), never person keys, which a
// later import may rename.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ShiplogError } from '../lib/errors.ts';
import type { Store } from '../store/index.ts';
import { runPeople } from './step.ts';
import type { Resolution } from './resolve.ts';

const mappingShape = z.object({
  version: z.literal(1),
  people: z.array(z.object({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
    name: z.string().min(1).optional(),
    accounts: z.array(z.string().regex(/^[a-z-]+:.+/, 'an identity key such as git:<email>, gerrit:<id>, phabricator:PHID-USER-…, irc:<nick>')).min(1),
  }).strict()),
}).strict();

export interface MapEntry { id: string; name: string | null; accounts: string[] }

/** The entries of a people.yaml text; a one-line error names the file and the entry. */
export function parseMapping(text: string, file = 'people.yaml'): MapEntry[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ShiplogError('config_invalid', `${file}: not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const r = mappingShape.safeParse(doc ?? { version: 1, people: [] });
  if (!r.success) throw new ShiplogError('config_invalid', `${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const seen = new Map<string, string>();
  for (const p of r.data.people) {
    for (const a of p.accounts) {
      const other = seen.get(a);
      if (other && other !== p.id) throw new ShiplogError('config_invalid', `${file}: account ${a} is listed under both ${other} and ${p.id}`);
      seen.set(a, p.id);
    }
  }
  return r.data.people.map((p) => ({ id: p.id, name: p.name ?? null, accounts: [...new Set(p.accounts)].sort() }));
}

/** Re-runs the people step on what is stored. */
export function rerunPeople(store: Store, now: Date): Promise<Resolution> {
  return store.transaction((tx) => runPeople({ all: (q, p) => tx.all(q, p as never), remove: (t, w, p) => tx.remove(t, w, p), write: (t, rows) => tx.write(t, rows as never), now }));
}

/**
 * Makes the stored mapping what the file says (entries gone from the file are removed);
 * answers whether anything changed. A missing file is an empty mapping only when `required` is false.
 */
export async function loadMapping(store: Store, file: string, now: Date, required = false): Promise<{ changed: boolean; entries: number }> {
  if (!existsSync(file)) {
    if (required) throw new ShiplogError('bad_request', `${file}: no such mapping file`);
    return { changed: false, entries: 0 };
  }
  const entries = parseMapping(readFileSync(file, 'utf8'), file);
  const stored = await store.all<{ decision_id: string; identity_keys: string[]; display_name: string | null }>(
    "SELECT decision_id, identity_keys, display_name FROM people_decisions WHERE action = 'map'");
  const before = new Map(stored.map((r) => [r.decision_id, JSON.stringify([r.identity_keys, r.display_name])]));
  const want = new Map(entries.map((e) => [`map:${e.id}`, e]));
  const gone = [...before.keys()].filter((k) => !want.has(k));
  const fresh = [...want].filter(([k, e]) => before.get(k) !== JSON.stringify([e.accounts, e.name]));
  if (gone.length === 0 && fresh.length === 0) return { changed: false, entries: entries.length };
  await store.transaction(async (tx) => {
    if (gone.length) await tx.run('DELETE FROM people_decisions WHERE decision_id IN (SELECT unnest($1::VARCHAR[]))', [gone]);
    if (fresh.length) {
      await tx.write('people_decisions', fresh.map(([k, e]) => ({
        decision_id: k, action: 'map', identity_keys: e.accounts, person_id: e.id, display_name: e.name, note: file, decided_at: now, undone_at: null,
      })));
    }
  });
  return { changed: true, entries: entries.length };
}

/**
 * The accounts a reference names: a person key (all its accounts), an identity key, an
 * email (git:<email>), a PHID, or a username / nick (every account with it).
 */
export async function accountsOf(store: Store, ref: string): Promise<string[]> {
  const r = ref.trim();
  const rows = await store.all<{ identity_key: string }>(
    `SELECT identity_key FROM identities
      WHERE person_key = $1 OR identity_key = $1 OR identity_key = 'git:' || lower($1) OR identity_key = 'phabricator:' || $1
         OR identity_key = 'irc:' || lower($1)
         OR (lower(username) = lower($1) AND NOT EXISTS (SELECT 1 FROM identities WHERE person_key = $1 OR identity_key = $1))
      ORDER BY 1`, [r]);
  if (rows.length === 0) throw new ShiplogError('not_found', `no person or account "${r}" (give a person key, an identity key such as git:<email>, an email, a PHID or a username)`);
  return rows.map((x) => x.identity_key);
}

async function nextDecisionId(store: Store): Promise<string> {
  const [{ n }] = await store.all<{ n: number | null }>(
    "SELECT max(CAST(substr(decision_id, 2) AS INTEGER)) AS n FROM people_decisions WHERE regexp_matches(decision_id, '^d[0-9]+$')");
  return `d${(n ?? 0) + 1}`;
}

export async function decide(store: Store, action: 'merge' | 'split', keys: string[], note: string | null, now: Date): Promise<string> {
  const id = await nextDecisionId(store);
  await store.write('people_decisions', [{ decision_id: id, action, identity_keys: [...new Set(keys)].sort(), person_id: null, display_name: null, note, decided_at: now, undone_at: null }]);
  return id;
}

/** Joins everything `refs` name into one person (a manual merge: never refused). */
export async function mergePeople(store: Store, refs: string[], note: string | null, now: Date): Promise<{ decision: string; person: string | null }> {
  if (refs.length < 2) throw new ShiplogError('bad_request', 'people merge: name at least two people or accounts');
  const keys = (await Promise.all(refs.map((r) => accountsOf(store, r)))).flat();
  const decision = await decide(store, 'merge', keys, note, now);
  const r = await rerunPeople(store, now);
  return { decision, person: r.personOf.get(keys[0]) ?? null };
}

/** Keeps one account apart from everyone the automatic rules would join it to. */
export async function splitAccount(store: Store, account: string, note: string | null, now: Date): Promise<{ decision: string; person: string | null }> {
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM identities WHERE identity_key = $1', [account]);
  if (Number(n) === 0) throw new ShiplogError('not_found', `people split: no account "${account}" (give an identity key such as git:<email> or gerrit:<id>; \`shiplog people show\` lists a person's accounts)`);
  const decision = await decide(store, 'split', [account], note, now);
  const r = await rerunPeople(store, now);
  return { decision, person: r.personOf.get(account) ?? null };
}

export async function undoDecision(store: Store, id: string, now: Date): Promise<void> {
  const rows = await store.all<{ action: string; undone_at: Date | null }>('SELECT action, undone_at FROM people_decisions WHERE decision_id = $1', [id]);
  if (rows.length === 0) throw new ShiplogError('not_found', `people undo: no decision "${id}" (\`shiplog people decisions\` lists them)`);
  if (rows[0].action === 'map') throw new ShiplogError('bad_request', `people undo: ${id} comes from the mapping file; edit the file and run \`shiplog people load\``);
  if (rows[0].undone_at) throw new ShiplogError('conflict', `people undo: ${id} was undone already`);
  await store.run('UPDATE people_decisions SET undone_at = $2 WHERE decision_id = $1', [id, now]);
  await rerunPeople(store, now);
}
