// Who is who: accounts (git emails, Gerrit accounts, Phabricator users, IRC/SAL nicks) +
// named rules + manual decisions → people, each account's person, and the record of every
// join (rule, evidence) and of every join refused. Pure and order independent: the input
// is sorted before anything is decided, so the same accounts give the same people
// whatever order the sources were imported in.
//
// The rules, in the order they apply (docs/people.md):
//   mapping             people.yaml lists a person's accounts (always applied)
//   email               accounts with the same email, case-insensitive
//   change-owner-author a Gerrit change's owner and the author of its commit (same Change-Id)
//                       when both carry the same name
//   change-owner-majority the same, when over half of the changes an email authored are
//                       that account's, on at least 3 changes
//   username            the same username on Gerrit, Phabricator and IRC/SAL where a source
//                       says so (Gerrit's own username, or scap's "Approved by U@host using
//                       scap backport" on the account's vote)
//   manual              `shiplog people merge` (always applied)
// Never transitive guessing: a rule's join that would put together two people who each
// already have several accounts is proposed, not applied. `shiplog people split` keeps an
// account out of every automatic rule (it becomes a person of its own unless a mapping or
// a manual merge says otherwise).

export interface Account {
  key: string; // identity_key: <system>:<account>
  system: string;
  name?: string | null;
  email?: string | null;
  username?: string | null;
  seenAt?: Date | null;
}

/** A source saying that an account has a username or email it does not carry itself. */
export interface Attribute {
  key: string;
  username?: string | null;
  email?: string | null;
  evidence: string;
}

/** A source saying two accounts are one person (rule change-owner-author). */
export interface Pair {
  a: string;
  b: string;
  rule: 'change-owner-author' | 'change-owner-majority';
  evidence: string;
}

export interface Decision {
  id: string;
  action: 'merge' | 'split' | 'map';
  keys: string[];
  personId?: string | null;
  displayName?: string | null;
  note?: string | null;
  at: Date;
}

export interface BotRule {
  name: string;
  pattern: RegExp;
}

export interface ResolveInput {
  accounts: Account[];
  attributes?: Attribute[];
  pairs?: Pair[];
  decisions?: Decision[];
  bots?: { version: number; list: BotRule[] };
}

export type Rule = 'mapping' | 'email' | 'change-owner-author' | 'change-owner-majority' | 'username' | 'manual';

export interface Merge {
  mergeKey: string;
  rule: Rule;
  status: 'applied' | 'proposed' | 'accepted' | 'kept-apart';
  personKey: string | null;
  identityKeys: string[];
  peopleKeys: string[] | null;
  evidence: string;
  decisionId: string | null;
}

export interface Person {
  personKey: string;
  displayName: string;
  accounts: string[];
  systems: string[];
  bot: string | null;
  botListVersion: number | null;
}

export interface Resolution {
  people: Person[];
  personOf: Map<string, string>;
  merges: Merge[];
}

// Systems in the order their names are trusted for display.
const NAME_RANK: Record<string, number> = { gerrit: 0, phabricator: 1, git: 2, irc: 3 };
const rank = (system: string) => NAME_RANK[system] ?? 9;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const low = (s: string | null | undefined) => (s ? s.trim().toLowerCase() : '');

/** Union-find over account keys, with the size of each set. */
class Sets {
  private parent = new Map<string, string>();
  private members = new Map<string, string[]>();
  constructor(keys: string[]) {
    for (const k of keys) {
      this.parent.set(k, k);
      this.members.set(k, [k]);
    }
  }
  find(k: string): string {
    let r = k;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    this.parent.set(k, r);
    return r;
  }
  size(k: string): number {
    return this.members.get(this.find(k))!.length;
  }
  membersOf(k: string): string[] {
    return this.members.get(this.find(k))!;
  }
  union(a: string, b: string): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (cmp(rb, ra) < 0) [ra, rb] = [rb, ra]; // the smaller key is the root: no order dependence
    this.parent.set(rb, ra);
    this.members.set(ra, [...this.members.get(ra)!, ...this.members.get(rb)!]);
    this.members.delete(rb);
  }
  roots(): string[] {
    return [...this.members.keys()];
  }
}

interface Group {
  rule: Rule;
  key: string; // what the accounts share
  keys: string[];
  evidence: string;
  decisionId?: string;
}

/** Groups of accounts that share a value (email, username), each group sorted. */
function shared(rule: Rule, values: Map<string, { keys: Set<string>; evidence: string[] }>): Group[] {
  const out: Group[] = [];
  for (const [value, g] of values) {
    if (g.keys.size < 2) continue;
    out.push({ rule, key: value, keys: [...g.keys].sort(cmp), evidence: [...new Set(g.evidence)].sort(cmp).slice(0, 5).join('; ') });
  }
  return out.sort((x, y) => cmp(x.key, y.key));
}

function addTo(m: Map<string, { keys: Set<string>; evidence: string[] }>, value: string, key: string, evidence: string) {
  let g = m.get(value);
  if (!g) m.set(value, (g = { keys: new Set(), evidence: [] }));
  g.keys.add(key);
  g.evidence.push(evidence);
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

export function resolvePeople(input: ResolveInput): Resolution {
  const accounts = [...new Map(input.accounts.map((a) => [a.key, a])).values()].sort((x, y) => cmp(x.key, y.key));
  const byKey = new Map(accounts.map((a) => [a.key, a]));
  const decisions = [...(input.decisions ?? [])].sort((x, y) => x.at.getTime() - y.at.getTime() || cmp(x.id, y.id));
  // Accounts a decision names that no source knows (yet) still get a person.
  for (const d of decisions) for (const k of d.keys) if (!byKey.has(k)) byKey.set(k, { key: k, system: k.slice(0, Math.max(0, k.indexOf(':'))) || 'unknown' });
  const all = [...byKey.keys()].sort(cmp);
  const sets = new Sets(all);
  const merges: Merge[] = [];
  const pending: { group: Group; status: Merge['status']; touched: string[] }[] = [];
  const keptApart = new Set(decisions.filter((d) => d.action === 'split').flatMap((d) => d.keys));

  const apply = (g: Group, guarded: boolean) => {
    const keys = g.keys.filter((k) => byKey.has(k));
    if (guarded && keys.some((k) => keptApart.has(k))) {
      pending.push({ group: g, status: 'kept-apart', touched: [] });
      const rest = keys.filter((k) => !keptApart.has(k));
      if (rest.length < 2) return;
      g = { ...g, keys: rest };
    }
    const roots = [...new Set(g.keys.map((k) => sets.find(k)))].sort(cmp);
    if (roots.length < 2) return; // already one person: nothing joined
    const several = roots.filter((r) => sets.size(r) > 1);
    if (guarded && several.length >= 2) {
      pending.push({ group: g, status: 'proposed', touched: several });
      // the accounts of the group that are people of one account still join each other
      const singles = roots.filter((r) => sets.size(r) === 1);
      for (const r of singles.slice(1)) sets.union(singles[0], r);
      if (singles.length >= 2) pending.push({ group: { ...g, keys: singles }, status: 'applied', touched: [] });
      return;
    }
    for (const r of roots.slice(1)) sets.union(roots[0], r);
    pending.push({ group: g, status: 'applied', touched: [] });
  };

  // 1. people.yaml
  const mapped = new Map<string, Decision>();
  for (const d of decisions.filter((x) => x.action === 'map')) {
    apply({ rule: 'mapping', key: d.personId ?? d.id, keys: [...d.keys].sort(cmp), evidence: `people.yaml: ${d.personId ?? d.id}`, decisionId: d.id }, false);
    for (const k of d.keys) mapped.set(k, d);
  }

  // 2. email (an account's own, or one a source attributes to it)
  const emails = new Map<string, { keys: Set<string>; evidence: string[] }>();
  for (const a of accounts) if (a.email) addTo(emails, low(a.email), a.key, `${a.key} <${low(a.email)}>`);
  for (const at of input.attributes ?? []) if (at.email && byKey.has(at.key)) addTo(emails, low(at.email), at.key, at.evidence);
  for (const g of shared('email', emails)) apply(g, true);

  // 3. change-owner-author, then change-owner-majority: grouped by the Gerrit account
  for (const rule of ['change-owner-author', 'change-owner-majority'] as const) {
    const owners = new Map<string, { keys: Set<string>; evidence: string[] }>();
    for (const p of input.pairs ?? []) {
      if (p.rule !== rule || !byKey.has(p.a) || !byKey.has(p.b)) continue;
      addTo(owners, p.a, p.a, p.evidence);
      addTo(owners, p.a, p.b, p.evidence);
    }
    for (const g of shared(rule, owners)) apply(g, true);
  }

  // 4. username: Gerrit, Phabricator and IRC/SAL (git has none)
  const names = new Map<string, { keys: Set<string>; evidence: string[] }>();
  for (const a of accounts) {
    const u = a.system === 'irc' ? low(a.username ?? a.key.slice(4)) : low(a.username);
    if (u && ['gerrit', 'phabricator', 'irc'].includes(a.system)) addTo(names, u, a.key, `${a.key} is ${a.system === 'irc' ? 'nick' : 'username'} ${u}`);
  }
  for (const at of input.attributes ?? []) if (at.username && byKey.has(at.key)) addTo(names, low(at.username), at.key, at.evidence);
  for (const g of shared('username', names)) apply(g, true);

  // 5. manual merges, in the order they were made
  for (const d of decisions.filter((x) => x.action === 'merge')) {
    apply({ rule: 'manual', key: d.id, keys: [...d.keys].sort(cmp), evidence: d.note ? `manual: ${d.note}` : 'manual', decisionId: d.id }, false);
  }

  // People: one per set, keyed by the mapping's id, else a slug of a username, email or name.
  const roots = sets.roots().sort(cmp);
  const personOf = new Map<string, string>();
  const taken = new Set<string>();
  const people: Person[] = [];
  const named = roots.map((root) => {
    const members = [...sets.membersOf(root)].sort(cmp);
    const accs = members.map((k) => byKey.get(k)!);
    const map = members.map((k) => mapped.get(k)).find((d) => d?.personId);
    return { root, members, accs, map };
  });
  // mapped ids first, so a mapping always gets the key it asks for
  named.sort((x, y) => Number(!x.map) - Number(!y.map) || cmp(x.root, y.root));
  for (const p of named) {
    const byName = [...p.accs].sort((x, y) => rank(x.system) - rank(y.system) || (y.seenAt?.getTime() ?? 0) - (x.seenAt?.getTime() ?? 0) || cmp(x.key, y.key));
    const username = byName.map((a) => (a.system === 'irc' ? a.username ?? a.key.slice(4) : a.username)).find((u) => u);
    const email = byName.map((a) => a.email).find((e) => e);
    const displayName = p.map?.displayName ?? byName.map((a) => a.name?.trim()).find((n) => n && !n.includes('@')) ?? username ?? email ?? p.root;
    let base = p.map?.personId ? slug(p.map.personId) : slug(username ?? email?.split('@')[0] ?? displayName) || slug(p.root) || 'someone';
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    const personKey = `person:${key}`;
    for (const k of p.members) personOf.set(k, personKey);
    const bot = botOf(p.accs, input.bots?.list ?? []);
    people.push({
      personKey, displayName, accounts: p.members, systems: [...new Set(p.accs.map((a) => a.system))].sort(cmp),
      bot, botListVersion: input.bots ? input.bots.version : null,
    });
  }
  people.sort((x, y) => cmp(x.personKey, y.personKey));

  for (const { group: g, status: s, touched } of pending) {
    const between = s === 'proposed' ? [...new Set([...touched, ...g.keys].map((k) => personOf.get(k)!))].sort(cmp) : null;
    // a proposal a manual merge (or a mapping) has since carried out is recorded as accepted
    const status = s === 'proposed' && between!.length < 2 ? 'accepted' : s;
    merges.push({
      mergeKey: `${g.rule}:${g.key}`, rule: g.rule, status, personKey: status === 'kept-apart' ? null : status === 'proposed' ? null : personOf.get(g.keys[0]) ?? null,
      identityKeys: g.keys, peopleKeys: between, evidence: g.evidence, decisionId: g.decisionId ?? null,
    });
  }
  for (const d of decisions.filter((x) => x.action === 'split')) {
    merges.push({ mergeKey: `split:${d.id}`, rule: 'manual', status: 'kept-apart', personKey: personOf.get(d.keys[0]) ?? null,
      identityKeys: [...d.keys].sort(cmp), peopleKeys: null, evidence: d.note ? `split: ${d.note}` : 'split', decisionId: d.id });
  }
  // one row per key: a kept-apart row and the applied join of the rest share the group's key
  const seen = new Map<string, Merge>();
  for (const m of merges) {
    const k = seen.has(m.mergeKey) ? `${m.mergeKey}#${m.status}` : m.mergeKey;
    seen.set(k, { ...m, mergeKey: k });
  }
  return { people, personOf, merges: [...seen.values()].sort((x, y) => cmp(x.mergeKey, y.mergeKey)) };
}

/** The bot a person is (any account matching the list by name, email or username), else null. */
export function botOf(accs: Account[], list: BotRule[]): string | null {
  for (const b of list) {
    for (const a of accs) {
      for (const v of [a.name, a.email, a.username, a.system === 'irc' ? a.key.slice(4) : null]) if (v && b.pattern.test(v)) return b.name;
    }
  }
  return null;
}
