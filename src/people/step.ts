// Derive step `people`: reads every account the sources know (identities, plus the IRC/SAL
// nicks of deployments, windows and the SAL), the evidence of the rules (change owner =
// commit author, scap's "Approved by <user>@host", Zuul's item owner), the manual decisions and people.yaml
// mappings (people_decisions), runs the pure resolution (resolve.ts) and writes people,
// identities.person_key and the record of every join and proposal (people_merges).
// Rebuilt whole each run: the answer depends only on what is stored, never on the order
// the sources were imported in.
import type { TableName } from '../model/catalogue/index.ts';
import { BOT_LIST_VERSION, BOTS } from '../model/bots.ts';
import { keys } from '../model/ids.ts';
import { loadSql } from '../lib/sql.ts';
import { type Account, type Attribute, type Decision, type Pair, resolvePeople, type Resolution } from './resolve.ts';

/** The part of the derive layer's StepContext this step uses (src/model/step.ts). */
export interface PeopleStepContext {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  write(table: TableName, rows: Record<string, unknown>[]): Promise<unknown>;
  remove(table: TableName, where: string, params?: unknown[]): Promise<unknown>;
  now: Date;
}

interface IdentityRow { identity_key: string; system: string; name: string | null; email: string | null; username: string | null; seen_at: Date | null }

async function readAccounts(ctx: PeopleStepContext): Promise<Account[]> {
  const nicks = await ctx.all<{ nick: string; seen_at: Date | null }>(loadSql(import.meta.url, 'irc-nicks.sql'));
  // New nicks, and known ones seen later since (seen_at is the newest sighting, whichever
  // source told it first: written only when it moved, so a rerun changes nothing)
  const known = await ctx.all<{ identity_key: string; seen_at: Date | null }>("SELECT identity_key, seen_at FROM identities WHERE system = 'irc'");
  const seen = new Map(known.map((r) => [r.identity_key, r.seen_at?.getTime() ?? null]));
  const fresh = nicks.filter((n) => {
    const k = keys.identity('irc', n.nick);
    return !seen.has(k) || (n.seen_at !== null && seen.get(k) !== n.seen_at.getTime());
  });
  if (fresh.length > 0) {
    await ctx.write('identities', fresh.map((n) => ({
      identity_key: keys.identity('irc', n.nick), system: 'irc', account: n.nick, name: null, email: null, username: n.nick, raw_id: null, seen_at: n.seen_at,
    })));
  }
  const rows = await ctx.all<IdentityRow>('SELECT identity_key, system, name, email, username, seen_at FROM identities');
  return rows.map((r) => ({ key: r.identity_key, system: r.system, name: r.name, email: r.email, username: r.username, seenAt: r.seen_at }));
}

async function readEvidence(ctx: PeopleStepContext): Promise<{ pairs: Pair[]; attributes: Attribute[] }> {
  const owners = await ctx.all<{ a: string; b: string; rule: Pair['rule']; first_change: number; first_sha: string; changes: number; email_changes: number; name: string }>(
    loadSql(import.meta.url, 'change-owner-author.sql'));
  const pairs: Pair[] = owners.map((o) => ({
    a: o.a, b: o.b, rule: o.rule,
    evidence: o.rule === 'change-owner-author'
      ? `change ${o.first_change} owned by ${o.a} "${o.name}" is commit ${o.first_sha.slice(0, 9)} by ${o.b.slice(4)}${Number(o.changes) > 1 ? ` (and ${Number(o.changes) - 1} more changes)` : ''}`
      : `${o.changes} of the ${o.email_changes} changes authored by ${o.b.slice(4)} are owned by ${o.a} "${o.name}" (first: change ${o.first_change}, commit ${o.first_sha.slice(0, 9)})`,
  }));
  const scap = await ctx.all<{ key: string; username: string; first_change: string; votes: number }>(loadSql(import.meta.url, 'scap-usernames.sql'));
  const attributes: Attribute[] = scap.map((s) => ({
    key: s.key, username: s.username,
    evidence: `${s.key} voted "Approved by ${s.username}@… using scap backport" on ${s.first_change.replace(/^change:[^:]+:/, 'change ')}${Number(s.votes) > 1 ? ` (${s.votes} votes)` : ''}`,
  }));
  const zuul = await ctx.all<{ key: string; username: string | null; email: string | null; first_change: number; changes: number }>(loadSql(import.meta.url, 'zuul-owners.sql'));
  for (const z of zuul) {
    attributes.push({
      key: z.key, username: z.username, email: z.email,
      evidence: `Zuul: the owner of change ${z.first_change}${Number(z.changes) > 1 ? ` (and ${Number(z.changes) - 1} more)` : ''}, ${z.key}, is ${[z.username, z.email && `<${z.email}>`].filter(Boolean).join(' ')}`,
    });
  }
  return { pairs, attributes };
}

export async function readDecisions(ctx: Pick<PeopleStepContext, 'all'>): Promise<Decision[]> {
  const rows = await ctx.all<{ decision_id: string; action: string; identity_keys: string[]; person_id: string | null; display_name: string | null; note: string | null; decided_at: Date }>(
    'SELECT decision_id, action, identity_keys, person_id, display_name, note, decided_at FROM people_decisions WHERE undone_at IS NULL');
  return rows.map((r) => ({ id: r.decision_id, action: r.action as Decision['action'], keys: r.identity_keys, personId: r.person_id, displayName: r.display_name, note: r.note, at: r.decided_at }));
}

/** Stored rows (ordered by key) and new rows (sorted by key already) hold the same values. */
function same(stored: Record<string, unknown>[], fresh: Record<string, unknown>[], cols: string[]): boolean {
  if (stored.length !== fresh.length) return false;
  const canon = (r: Record<string, unknown>) => JSON.stringify(cols.map((c) => (r[c] === undefined ? null : r[c])));
  const cmpKey = (r: Record<string, unknown>) => String(r[cols[0]]);
  const sorted = [...fresh].sort((a, b) => (cmpKey(a) < cmpKey(b) ? -1 : cmpKey(a) > cmpKey(b) ? 1 : 0));
  return stored.every((r, i) => canon(r) === canon(sorted[i]));
}

/** identities.person_key as the resolution says, written for the identities where it moved. */
async function writePersonKeys(ctx: PeopleStepContext, personOf: Map<string, string>): Promise<void> {
  const stored = await ctx.all<{ identity_key: string; person_key: string | null }>('SELECT identity_key, person_key FROM identities');
  const moved = stored.filter((i) => personOf.has(i.identity_key) && personOf.get(i.identity_key) !== i.person_key).map((i) => i.identity_key);
  for (let i = 0; i < moved.length; i += 500) {
    const part = moved.slice(i, i + 500);
    const rows = await ctx.all<Record<string, unknown>>(`SELECT * FROM identities WHERE identity_key IN (${part.map((_, j) => `$${j + 1}`).join(', ')})`, part);
    await ctx.write('identities', rows.map((row) => ({ ...row, person_key: personOf.get(row.identity_key as string) })));
  }
}

/** Runs the resolution and writes its answer; returns it (for the CLI's summary). */
export async function runPeople(ctx: PeopleStepContext): Promise<Resolution> {
  const accounts = await readAccounts(ctx);
  const { pairs, attributes } = await readEvidence(ctx);
  const decisions = await readDecisions(ctx);
  const r = resolvePeople({ accounts, pairs, attributes, decisions, bots: { version: BOT_LIST_VERSION, list: [...BOTS] } });

  // Written only when they differ from what is stored: a run that changes nothing raises
  // no table version, so it wakes no step and stales no rollup.
  const peopleRows = r.people.map((p) => ({
    person_key: p.personKey, display_name: p.displayName, raw_id: null, accounts: p.accounts.length, systems: p.systems, bot: p.bot, bot_list_version: p.botListVersion,
  }));
  const storedPeople = await ctx.all<Record<string, unknown>>('SELECT person_key, display_name, accounts, systems, bot, bot_list_version FROM people ORDER BY person_key');
  if (!same(storedPeople, peopleRows, ['person_key', 'display_name', 'accounts', 'systems', 'bot', 'bot_list_version'])) {
    await ctx.remove('people', 'true');
    if (peopleRows.length > 0) await ctx.write('people', peopleRows);
  }
  await writePersonKeys(ctx, r.personOf);
  const mergeRows = r.merges.map((m) => ({
    merge_key: m.mergeKey, rule: m.rule, status: m.status, person_key: m.personKey, identity_keys: m.identityKeys,
    people_keys: m.peopleKeys, evidence: m.evidence, decision_id: m.decisionId,
  }));
  const storedMerges = await ctx.all<Record<string, unknown>>('SELECT merge_key, rule, status, person_key, identity_keys, people_keys, evidence, decision_id FROM people_merges ORDER BY merge_key');
  if (!same(storedMerges, mergeRows, ['merge_key', 'rule', 'status', 'person_key', 'identity_keys', 'people_keys', 'evidence', 'decision_id'])) {
    await ctx.remove('people_merges', 'true');
    if (mergeRows.length > 0) await ctx.write('people_merges', mergeRows);
  }
  return r;
}

/** The derive step, in the shape of src/model/step.ts (registered in src/derive/registry.ts). */
export const peopleStep = {
  name: 'people',
  description: 'people from accounts by named rules (mapping, email, change-owner-author, change-owner-majority, username, manual); proposals for joins of two people with several accounts each',
  reads: ['identities', 'changes', 'commits', 'change_messages', 'deployments', 'windows', 'log_entries', 'zuul_queue_items', 'people_decisions'] as const satisfies readonly TableName[],
  writes: ['people', 'identities', 'people_merges'] as const satisfies readonly TableName[],
  run: async (ctx: PeopleStepContext): Promise<void> => {
    await runPeople(ctx);
  },
};
