// Raw extension items → repos (the repository), repo_activity (every first-parent commit,
// human or bot), repo_facts (one row for each fact a commit changed: its new value, since
// the commit's committer time) and standards_targets (standards.yaml). Record by record:
// a commit item carries the old and new text of the watched files it changed, so what
// changed is read from the item alone. Pure: no clock, no I/O.
import { BOT_LIST_VERSION, classifyCommit } from '../../model/stewardship/bots.ts';
import { keys } from '../../model/ids.ts';
import { output, type NormalizeContext, type Output, type RawRecord } from '../types.ts';
import type { Change, CommitPayload } from './collect.ts';
import { depFacts, eslintRoot, FACTS_VERSION, type FactMap, manifestFacts, presenceFacts, readJson } from './file-facts.ts';
import { standardsRows } from './standards.ts';
import { legacyEntry } from './watched.ts';

type Out = Output<'repos' | 'repo_activity' | 'repo_facts' | 'standards_targets'>;
const UNKNOWN = Symbol('unknown');
type Side = Record<string, unknown> | null | typeof UNKNOWN;

const ESLINT_ORDER = ['.eslintrc.json', '.eslintrc.js', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc'];

interface Ctx {
  rec: RawRecord;
  repo: string;
  c: CommitPayload;
  out: Out;
}

function reject(x: Ctx, file: string, why: string): void {
  x.out.rejects.push({
    rawId: x.rec.rawId, kind: 'commit', key: x.c.sha, location: `${x.repo}@${x.c.sha}:${file}`,
    reason: `${file} at commit ${x.c.sha} of ${x.repo}: ${why}`,
  });
}

/** The text of `path` on one side of the commit: a string, null (absent), or UNKNOWN (unchanged, not carried). */
function textOf(changes: Map<string, Change>, present: Set<string>, path: string, side: 'old' | 'new'): string | null | typeof UNKNOWN {
  if (!present.has(path)) return null;
  const ch = changes.get(path);
  if (!ch) return UNKNOWN;
  return ch[side] ?? null;
}

function jsonSide(x: Ctx, changes: Map<string, Change>, present: Set<string>, path: string, side: 'old' | 'new'): Side {
  const text = textOf(changes, present, path, side);
  if (text === UNKNOWN || text === null) return text;
  const doc = readJson(text);
  if (typeof doc === 'string') {
    if (side === 'new') reject(x, path, doc);
    return UNKNOWN; // the old side was rejected at its own commit
  }
  return doc;
}

function emit(x: Ctx, before: FactMap | typeof UNKNOWN, after: FactMap): void {
  for (const [fact, value] of after) {
    if (before !== UNKNOWN && (before.get(fact) ?? null) === value) continue;
    if (before === UNKNOWN && value === null) continue;
    x.out.rows.repo_facts.push({
      repo: x.repo, fact, value, since_at: new Date(x.c.committer.at * 1000), since_commit: x.c.sha,
      definition_version: FACTS_VERSION, raw_id: x.rec.rawId,
    });
  }
  if (before === UNKNOWN) return;
  for (const [fact, value] of before) {
    if (!after.has(fact) && value !== null) {
      x.out.rows.repo_facts.push({
        repo: x.repo, fact, value: null, since_at: new Date(x.c.committer.at * 1000), since_commit: x.c.sha,
        definition_version: FACTS_VERSION, raw_id: x.rec.rawId,
      });
    }
  }
}

function manifestOf(present: Set<string>): string | null {
  return present.has('extension.json') ? 'extension.json' : present.has('skin.json') ? 'skin.json' : null;
}

function factsOfCommit(x: Ctx): void {
  const { c } = x;
  const after = new Set(c.present ?? []);
  const before = new Set(after);
  for (const ch of c.changes) {
    if (ch.status === 'A') before.delete(ch.path);
    if (ch.status === 'D') before.add(ch.path);
  }
  const root = c.parents.length === 0;
  const changes = new Map(c.changes.map((ch) => [ch.path, ch]));
  const legacy = legacyEntry(x.repo);
  emit(x, root ? UNKNOWN : presenceFacts(before, legacy), presenceFacts(after, legacy));

  const mb = manifestOf(before);
  const ma = manifestOf(after);
  if (changes.has(mb ?? '') || changes.has(ma ?? '')) {
    const oldDoc = mb ? jsonSide(x, changes, before, mb, 'old') : null;
    const newDoc = ma ? jsonSide(x, changes, after, ma, 'new') : null;
    if (newDoc !== UNKNOWN) emit(x, oldDoc === UNKNOWN ? UNKNOWN : manifestFacts(oldDoc), manifestFacts(newDoc));
  }
  for (const [file, section] of [['composer.json', 'require-dev'], ['package.json', 'devDependencies']] as const) {
    if (!changes.has(file)) continue;
    const oldDoc = jsonSide(x, changes, before, file, 'old');
    const newDoc = jsonSide(x, changes, after, file, 'new');
    if (newDoc !== UNKNOWN) emit(x, oldDoc === UNKNOWN ? UNKNOWN : depFacts(oldDoc, section), depFacts(newDoc, section));
  }
  if (ESLINT_ORDER.some((f) => changes.has(f))) {
    const rootOf = (present: Set<string>, side: 'old' | 'new'): string | null | typeof UNKNOWN => {
      const file = ESLINT_ORDER.find((f) => present.has(f));
      if (!file) return null;
      const text = textOf(changes, present, file, side);
      if (text === UNKNOWN || text === null) return text;
      const r = eslintRoot(file, text);
      if (r !== null && typeof r === 'object') {
        if (side === 'new') reject(x, file, r.error);
        return UNKNOWN;
      }
      return r;
    };
    const o = rootOf(before, 'old');
    const n = rootOf(after, 'new');
    if (n !== UNKNOWN) emit(x, o === UNKNOWN ? UNKNOWN : new Map([['eslint.root', o]]), new Map([['eslint.root', n]]));
  }
}

function commitRows(rec: RawRecord, repo: string, out: Out): void {
  let c: CommitPayload;
  try {
    c = JSON.parse(rec.payload) as CommitPayload;
    if (typeof c.sha !== 'string' || !Array.isArray(c.changes) || typeof c.committer?.at !== 'number') throw new Error('missing sha, changes or committer');
  } catch (err) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `${repo}: commit item ${rec.key} is not readable: ${(err as Error).message}` });
    return;
  }
  const people = c.parents.length > 1 ? [c.merged ?? {}, c.author, c.committer] : [c.author, c.committer];
  const who = classifyCommit(people);
  const merged = c.parents.length > 1 && c.merged ? c.merged : null;
  out.rows.repo_activity.push({
    activity_key: `${repo}@${c.sha}`, repo, sha: c.sha, committed_at: new Date(c.committer.at * 1000),
    authored_at: new Date(c.author.at * 1000), author_name: merged?.name ?? c.author.name, author_email: merged?.email ?? c.author.email,
    committer_name: c.committer.name, is_merge: c.parents.length > 1, human: who.human, bot: who.bot, subject: c.subject,
    touches_standards: c.changes.length > 0, definition_version: BOT_LIST_VERSION, raw_id: rec.rawId,
  });
  if (c.present) factsOfCommit({ rec, repo, c, out });
}

export function normalizeExtensions(records: RawRecord[], ctx: NormalizeContext): Out {
  const out = output('repos', 'repo_activity', 'repo_facts', 'standards_targets');
  for (const rec of records) {
    const repo = rec.scope || ctx.scope;
    if (rec.kind === 'commit') commitRows(rec, repo, out);
    else if (rec.kind === 'repo') {
      try {
        const meta = JSON.parse(rec.payload) as { name: string; branch: string; kind: string };
        out.rows.repos.push({ repo_key: keys.repo(meta.name), name: meta.name, kind: meta.kind, default_branch: meta.branch, raw_id: rec.rawId });
      } catch (err) {
        out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `repo record is not JSON: ${(err as Error).message}` });
      }
    } else if (rec.kind === 'standards') {
      const r = standardsRows(rec.payload, rec.url ?? 'standards.yaml', rec.rawId);
      out.rows.standards_targets.push(...r.rows);
      out.rejects.push(...r.rejects);
    } else {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `unknown extensions record kind "${rec.kind}"` });
    }
  }
  return out;
}
