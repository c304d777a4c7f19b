// Pairs SAL entries into deployments: a Started with its Finished / failed / aborted
// (same deployer, same message, nearest in time), single-line syncs (sync-file,
// sync-wikiversions) as they are, the testserver pause marking its sync as staged.
// Pure: entries in time order in, deployment rows, items and links out.
import type { RowFor } from '../../model/catalogue/index.ts';
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { parseMessage, type MessageKind, type ParsedMessage } from './messages.ts';

export interface PairEntry {
  entryKey: string; // sal:<id>
  loggedAt: Date;
  userName: string | null;
  host: string | null;
  message: string;
  rawId: string | null;
}

export interface PairResult {
  deployments: RowFor<'deployments'>[];
  items: RowFor<'deployment_items'>[];
  links: RowFor<'links'>[];
}

interface Open {
  entry: PairEntry;
  parsed: ParsedMessage;
  family: string;
  staged: boolean;
  rolledBack: boolean;
}

type Outcome = 'ok' | 'failed' | 'aborted' | 'unfinished';

/** The SAL kinds pairing reads (everything else stays a plain log entry). */
export const DEPLOY_KINDS: MessageKind[] = [
  'sync-file', 'sync-file-legacy', 'sync-start', 'sync-finish', 'scap-cmd-start', 'scap-cmd-finish',
  'sync-wikiversions', 'testservers', 'testservers-decision', 'scap3-start', 'scap3-finish', 'failed', 'aborted',
  'lock', 'unlock', 'lock-force', 'cookbook-start', 'cookbook-end', 'sync-l10n', 'clean', 'install-start', 'install-finish',
];

export const STALE_MS = 48 * 3600_000; // no scap run lasts two days: an older open start is unfinished
const SCAP_STARTS = new Set<MessageKind>(['sync-start', 'scap-cmd-start']);

/** What the pairing compares: which command (and repo / cookbook) a start or end line is about. */
function familyOf(p: ParsedMessage): string {
  const f = p.fields;
  switch (p.kind) {
    case 'sync-start': case 'sync-finish': return 'scap:sync-world';
    case 'scap-cmd-start': case 'scap-cmd-finish': return `scap:${f.prog}`;
    case 'scap3-start': case 'scap3-finish': return `scap3:${f.prog}:${f.repo}`;
    case 'lock': case 'unlock': return `lock:${f.repo}`;
    case 'cookbook-start': case 'cookbook-end': return `cookbook:${f.prog}`;
    default: return `${p.kind}:${f.prog ?? ''}`;
  }
}

/** The deployments.kind of a start or single line. */
export function deployKind(p: ParsedMessage): string {
  const f = p.fields;
  const train = f.group !== undefined && f.version !== undefined;
  switch (p.kind) {
    case 'sync-start': case 'sync-finish':
      return /^Backport for /.test(f.msg ?? '') ? 'backport' : train ? 'train-promote' : 'sync-world';
    case 'sync-file': case 'sync-file-legacy':
      if (train) return 'train-promote';
      if (/^database lists/.test(f.path ?? '')) return 'sync-dblists';
      return f.path === 'docroot and w' ? 'sync-docroot' : 'sync-file';
    case 'sync-wikiversions': return train ? 'train-promote' : 'sync-wikiversions';
    case 'scap3-start': case 'scap3-finish': return `scap3-${f.prog}`;
    case 'lock': case 'unlock': return 'lock';
    case 'cookbook-start': case 'cookbook-end': return 'cookbook';
    case 'install-start': case 'install-finish': return 'install-scap';
    case 'failed': case 'aborted':
      return f.prog === 'scap' || f.prog === 'sync-world' ? 'sync-world' : f.prog ?? p.kind;
    default: return p.kind === 'scap-cmd-start' || p.kind === 'scap-cmd-finish' ? f.prog ?? p.kind : p.kind;
  }
}

const idOf = (entryKey: string) => entryKey.slice(entryKey.indexOf(':') + 1);
const seconds = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 1000);

/** The pairing state while walking the entries in time order. */
class Pairer {
  readonly out: PairResult = { deployments: [], items: [], links: [] };
  private readonly open = new Map<string, Open[]>(); // per deployer, oldest first

  /** One deployments row (+ items, links) from its first line and, when seen, its end line. */
  emit(start: PairEntry, p: ParsedMessage, end: PairEntry | null, endP: ParsedMessage | null, outcome: Outcome, o?: Open): void {
    const deployKey = keys.deploy('sal', idOf(start.entryKey));
    const isSingle = end === start;
    const dur = endP?.fields.durationS;
    const startedAt = isSingle && dur !== undefined ? new Date(start.loggedAt.getTime() - dur * 1000) : start.loggedAt;
    const duration = dur ?? (end && !isSingle ? seconds(start.loggedAt, end.loggedAt) : null);
    this.out.deployments.push({
      deploy_key: deployKey, kind: deployKind(p), started_at: startedAt, finished_at: end?.loggedAt ?? null,
      duration_s: duration, deployer: start.userName, host: start.host, message: p.fields.msg ?? start.message,
      outcome: o?.rolledBack && outcome === 'ok' ? 'aborted' : outcome, staged: o?.staged ?? false, forced: null,
      window_key: null, repo: p.fields.repo ?? null, raw_id: start.rawId,
    });
    addItems(this.out, deployKey, start, p.changes.length || p.tasks.length || !endP ? p : endP);
  }

  /** The deployer's most recent open run that matches, taken off the open list. */
  private take(user: string | null, match: (o: Open) => boolean): Open | undefined {
    const list = this.open.get(user ?? '') ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (match(list[i])) return list.splice(i, 1)[0];
    return undefined;
  }

  private allOpen(): Open[] {
    return [...this.open.values()].flat();
  }

  /** Runs of this deployer open for more than two days are unfinished. */
  expire(e: PairEntry): void {
    const list = this.open.get(e.userName ?? '') ?? [];
    while (list.length && e.loggedAt.getTime() - list[0].entry.loggedAt.getTime() > STALE_MS) {
      const o = list.shift()!;
      this.emit(o.entry, o.parsed, null, null, 'unfinished', o);
    }
  }

  start(e: PairEntry, p: ParsedMessage): void {
    if (p.kind === 'scap3-start' && p.fields.prog === 'restart') return this.emit(e, p, null, null, 'ok'); // no Finished line exists (deploy.py)
    const list = this.open.get(e.userName ?? '') ?? [];
    list.push({ entry: e, parsed: p, family: familyOf(p), staged: false, rolledBack: false });
    this.open.set(e.userName ?? '', list);
  }

  end(e: PairEntry, p: ParsedMessage, outcome: Outcome, sameMessage: boolean): void {
    const fam = familyOf(p);
    const msg = p.fields.msg ?? '';
    const o = this.take(e.userName, (c) => c.family === fam && (!sameMessage || (c.parsed.fields.msg ?? '') === msg));
    if (o) this.emit(o.entry, o.parsed, e, p, outcome, o);
    else this.emit(e, p, e, p, outcome); // its Started is outside the data: the end line alone
  }

  /** `<prog> failed:` ends the deployer's latest run of prog (`scap`: any scap run); `aborted:` the one with its message. */
  failure(e: PairEntry, p: ParsedMessage & { kind: 'failed' | 'aborted' }): void {
    const prog = p.fields.prog ?? '';
    const msg = p.fields.msg ?? '';
    const o = this.take(e.userName, (c) =>
      (prog === 'scap' ? SCAP_STARTS.has(c.parsed.kind) : c.family === `scap:${prog}` || c.family.startsWith(`scap3:${prog}:`)) &&
      (p.kind === 'failed' || (c.parsed.fields.msg ?? '') === msg));
    if (o) this.emit(o.entry, o.parsed, e, p, p.kind, o);
    else this.emit(e, p, e, p, p.kind);
  }

  /** Open runs at most two days old: older ones can no longer pair (and incremental derive relies on it). */
  private liveRuns(e: PairEntry): Open[] {
    return this.allOpen().filter((c) => e.loggedAt.getTime() - c.entry.loggedAt.getTime() <= STALE_MS);
  }

  testservers(e: PairEntry, p: ParsedMessage): void {
    const users = p.fields.users ?? [];
    const runs = this.liveRuns(e).filter((c) => c.parsed.kind === 'sync-start' && (c.parsed.fields.msg ?? '') === (p.fields.msg ?? ''));
    const best = runs.filter((c) => users.includes(c.entry.userName ?? '')).pop() ?? runs.pop();
    if (best) best.staged = true;
  }

  decision(e: PairEntry, p: ParsedMessage): void {
    if (p.fields.decision !== 'rollback') return;
    const users = p.fields.users ?? [];
    const staged = this.liveRuns(e).filter((c) => c.staged &&
      (users.length === 0 || users.includes(c.entry.userName ?? '') || c.entry.userName === e.userName));
    const last = staged.pop();
    if (last) last.rolledBack = true;
  }

  finish(): PairResult {
    for (const o of this.allOpen()) this.emit(o.entry, o.parsed, null, null, 'unfinished', o);
    this.open.clear();
    return this.out;
  }
}

/** Pairs entries given in time order (an array, or pages streamed from the store). */
export function pairEntries(entries: PairEntry[]): PairResult;
export function pairEntries(entries: AsyncIterable<PairEntry>): Promise<PairResult>;
export function pairEntries(entries: PairEntry[] | AsyncIterable<PairEntry>): PairResult | Promise<PairResult> {
  const pairer = new Pairer();
  if (Array.isArray(entries)) {
    for (const e of entries) pairOne(pairer, e);
    return pairer.finish();
  }
  return (async () => {
    for await (const e of entries) pairOne(pairer, e);
    return pairer.finish();
  })();
}

function pairOne(pairer: Pairer, e: PairEntry): void {
  const p = parseMessage(e.message);
  pairer.expire(e);
  switch (p.kind) {
    case 'sync-start': case 'scap-cmd-start': case 'scap3-start': case 'lock': case 'cookbook-start': case 'install-start':
      pairer.start(e, p);
      break;
    case 'sync-finish': case 'scap-cmd-finish': case 'scap3-finish': case 'unlock': case 'install-finish':
      pairer.end(e, p, 'ok', true);
      break;
    case 'cookbook-end':
      pairer.end(e, p, p.fields.result === 'PASS' && (p.fields.exitCode ?? 0) === 0 ? 'ok' : 'failed', false);
      break;
    case 'failed': case 'aborted':
      pairer.failure(e, p as ParsedMessage & { kind: 'failed' | 'aborted' });
      break;
    case 'testservers':
      pairer.testservers(e, p);
      break;
    case 'testservers-decision':
      pairer.decision(e, p);
      break;
    case 'sync-file': case 'sync-file-legacy': case 'sync-wikiversions': case 'sync-l10n': case 'clean': case 'lock-force':
      pairer.emit(e, p, e, p, 'ok');
      break;
    default:
      break;
  }
}

function addItems(out: PairResult, deployKey: string, e: PairEntry, p: ParsedMessage): void {
  const rows: RowFor<'deployment_items'>[] = [];
  const item = (r: Partial<RowFor<'deployment_items'>>) => rows.push({
    item_key: `${deployKey}/${rows.length + 1}`, deploy_key: deployKey, change_number: null, change_key: null,
    task_id: null, path: null, version: null, wiki_group: null, raw_id: e.rawId, ...r,
  });
  const link = (dst: string, rule: string) => out.links.push({
    src_key: deployKey, dst_key: dst, rule, evidence: e.message, confidence: 'high', first_seen_at: e.loggedAt, raw_id: e.rawId,
  });
  for (const c of p.changes) {
    const changeKey = keys.change(DEFAULT_GERRIT_HOST, c.number);
    item({ change_number: c.number, change_key: changeKey });
    link(changeKey, 'sal-gerrit-markup');
  }
  for (const t of p.tasks) {
    item({ task_id: t });
    link(keys.task(t), 'sal-task-ref');
  }
  const f = p.fields;
  if (f.path || f.version || f.group) item({ path: f.path ?? null, version: f.version ?? null, wiki_group: f.group ?? null });
  out.items.push(...rows);
}
