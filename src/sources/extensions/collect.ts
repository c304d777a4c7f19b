// Reads an extension or skin repository through git itself: one `git log --first-parent
// --raw -t` stream of the default branch, oldest first, and one `git cat-file --batch`
// for the contents of the watched files (old and new version) and the merged commit of
// each Gerrit merge. Every commit becomes a raw item (activity needs them all); only
// those that touch a watched path carry files. Resumes from the last commit stored.
// I/O only: the payload is git's answers, assembled as JSON, nothing interpreted.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShiplogError } from '../../lib/errors.ts';
import { CatFile, gitRecords, gitText, isAncestor } from '../../lib/git-batch.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import type { ExtensionsConfig } from './config.ts';
import { CONTENT, watchedPaths } from './watched.ts';

const BATCH = 1000;
const FORMAT = '%x01%H %P%x00%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%s';
const ZERO = /^0+$/;

export const SHIPPED_STANDARDS = fileURLToPath(new URL('./standards.yaml', import.meta.url));

/** mediawiki/extensions/Echo from a mirror folder such as …/wikimedia+mediawiki-extensions-Echo/repo. */
export function extensionNameFromPath(path: string): string {
  const parts = resolve(path).split('/').reverse();
  for (const p of parts) {
    const m = /(?:^|[+/])mediawiki[-/](extensions|skins)[-/]([^/]+?)(?:\.git)?$/.exec(p);
    if (m) return `mediawiki/${m[1]}/${m[2]}`;
  }
  const base = basename(resolve(path)).replace(/\.git$/, '');
  return base === 'repo' ? basename(dirname(resolve(path))) : base;
}

export interface Change {
  path: string;
  status: string; // A, M, D, T
  tree: boolean;
  old?: string | null;
  new?: string | null;
}

export interface CommitPayload {
  sha: string;
  parents: string[];
  author: { name: string; email: string; at: number };
  committer: { name: string; email: string; at: number };
  subject: string;
  /** For a merge: the author of the merged commit (its second parent). */
  merged?: { name: string; email: string } | null;
  changes: Change[];
  /** The watched paths present after this commit (only when it changed one). */
  present?: string[];
}

interface Parsed {
  payload: CommitPayload;
  blobs: { change: Change; side: 'old' | 'new'; oid: string }[];
}

/** One `git log` record (header line, then --raw lines) → the commit and the watched changes. */
export function parseLogRecord(text: string, watched: Set<string>): Parsed | string {
  const nl = text.indexOf('\n');
  const head = (nl === -1 ? text : text.slice(0, nl)).split('\x00');
  if (head.length < 8) return `unreadable git log header: ${JSON.stringify(text.slice(0, 120))}`;
  const [shaParents, an, ae, at, cn, ce, ct, ...subject] = head;
  const [sha, ...parents] = shaParents.split(' ').filter(Boolean);
  const payload: CommitPayload = {
    sha, parents, author: { name: an, email: ae, at: Number(at) }, committer: { name: cn, email: ce, at: Number(ct) },
    subject: subject.join('\x00'), changes: [],
  };
  const blobs: Parsed['blobs'] = [];
  for (const line of nl === -1 ? [] : text.slice(nl + 1).split('\n')) {
    if (!line.startsWith(':')) continue;
    const tab = line.indexOf('\t');
    const [oldMode, newMode, oldOid, newOid, status] = line.slice(1, tab).split(' ');
    const path = line.slice(tab + 1);
    if (!watched.has(path)) continue;
    const tree = oldMode === '040000' || newMode === '040000';
    const change: Change = { path, status: status[0], tree };
    payload.changes.push(change);
    if (!tree && CONTENT.has(path)) {
      if (!ZERO.test(oldOid)) blobs.push({ change, side: 'old', oid: oldOid });
      if (!ZERO.test(newOid)) blobs.push({ change, side: 'new', oid: newOid });
    }
  }
  return { payload, blobs };
}

function repoSpec(ctx: CollectContext<ExtensionsConfig>): { path: string; name: string; branch?: string } {
  const fromConfig = ctx.config?.repos.find((r) => (r.name ?? extensionNameFromPath(r.path)) === ctx.scope);
  if (fromConfig) return { path: fromConfig.path, name: ctx.scope, branch: fromConfig.branch };
  const path = ctx.paths.find((p) => ((ctx.options.name as string | undefined) ?? extensionNameFromPath(p)) === ctx.scope);
  if (!path) throw new ShiplogError('bad_request', `extensions: no repository path for scope ${ctx.scope}`);
  return { path, name: ctx.scope, branch: ctx.options.branch as string | undefined };
}

/** The standards file as a raw item: the configured one, else the one shiplog ships. */
export function standardsItem(config: ExtensionsConfig | undefined): RawItem {
  const file = config?.standards ?? SHIPPED_STANDARDS;
  if (!existsSync(file)) throw new ShiplogError('config_invalid', `sources.extensions.standards: ${file}: no such file`);
  return { kind: 'standards', key: 'standards.yaml', url: file, payload: readFileSync(file, 'utf8') };
}

export async function* collectExtensions(ctx: CollectContext<ExtensionsConfig>): AsyncGenerator<Batch> {
  const spec = repoSpec(ctx);
  const path = resolve(spec.path);
  const branch = spec.branch ?? (await gitText(path, ['symbolic-ref', '--short', 'HEAD'])).trim();
  const tip = (await gitText(path, ['rev-parse', '--verify', `${branch}^{commit}`])).trim();
  const kind = /(^|\/)skins\//.test(ctx.scope) ? 'skin' : 'extension';
  const head: RawItem[] = [
    { kind: 'repo', key: ctx.scope, url: path, payload: JSON.stringify({ name: ctx.scope, branch, kind }) },
    standardsItem(ctx.config),
  ];
  if (ctx.cursor === tip) {
    yield { items: head, cursor: tip };
    return;
  }
  const resume = ctx.cursor !== null && (await isAncestor(path, ctx.cursor, branch));
  const range = resume ? `${ctx.cursor}..${branch}` : branch;
  const watched = watchedPaths(ctx.scope);
  const present = new Set<string>();
  if (resume) {
    for (const p of (await gitText(path, ['ls-tree', '-r', '-t', '--name-only', ctx.cursor!])).split('\n')) if (watched.has(p)) present.add(p);
  }
  const total = Number((await gitText(path, ['rev-list', '--first-parent', '--count', range])).trim());
  const cat = new CatFile(path);
  let items: RawItem[] = head;
  let pending: Promise<void>[] = [];
  let done = 0;
  let last: string | null = null;
  try {
    const args = ['log', '--first-parent', '--reverse', '--raw', '-t', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', `--format=${FORMAT}`, range, '--'];
    for await (const record of gitRecords(path, args)) {
      const parsed = parseLogRecord(record, watched);
      if (typeof parsed === 'string') throw new ShiplogError('source_protocol', `${path}: ${parsed}`);
      const { payload, blobs } = parsed;
      for (const c of payload.changes) {
        if (c.status === 'D') present.delete(c.path);
        else present.add(c.path);
      }
      if (payload.changes.length > 0 || payload.parents.length === 0) payload.present = [...present].sort();
      const own: Promise<unknown>[] = blobs.map((b) => cat.text(b.oid).then((t) => void (b.change[b.side] = t)));
      if (payload.parents.length > 1) {
        own.push(cat.text(payload.parents[1]).then((t) => {
          const m = t && /^author (.*) <([^>]*)> /m.exec(t);
          payload.merged = m ? { name: m[1], email: m[2] } : null;
        }));
      }
      const item: RawItem = { kind: 'commit', key: payload.sha, url: `${path}#${payload.sha}`, payload: '' };
      items.push(item);
      pending.push(Promise.all(own).then(() => void (item.payload = JSON.stringify(payload))));
      last = payload.sha;
      if (items.length >= BATCH) {
        await Promise.all(pending);
        done += items.filter((i) => i.kind === 'commit').length;
        yield { items, cursor: last, progress: { done, total } };
        items = [];
        pending = [];
      }
    }
    await Promise.all(pending);
  } finally {
    cat.close();
  }
  done += items.filter((i) => i.kind === 'commit').length;
  yield { items, cursor: tip, progress: { done, total } };
}
