// Reads a bare mirror's NoteDB with three git processes per run, never one per change:
// `for-each-ref refs/changes/` (meta and patch-set refs), `cat-file --batch` (the current
// patch set's commit, for its Bug:/Depends-On footers) and ONE `git log --topo-order
// --source` over every changed meta ref (topo order keeps each change's disjoint meta
// history contiguous). The cursor maps change number → meta sha, so a re-run reads only
// the meta refs that moved. I/O only: git's output goes out unchanged in the payload.
import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_GERRIT_HOST } from '../../model/ids.ts';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import { repoNameFromPath } from '../git/collect.ts';
import type { NotedbConfig, NotedbMirror } from './config.ts';
import type { ChangeMetaPayload } from './payload.ts';
import { decodeCursor, encodeCursor, listChanges, type ChangeRefs } from './refs.ts';

const run = promisify(execFile);
/**
 * Changes per batch; `--option batch=N` overrides. A change's meta history is ~7 kB of
 * payload on average (operations/mediawiki-config), so 500 changes are ~4 MB: the pipeline
 * coalesces batches up to its budget (8 MB a transaction). 5,000 a batch held 40 MB of
 * payload and its rows twice over (one batch committing, the next collected) and the import
 * peaked at 1.9 GB RSS.
 */
const BATCH = 500;

export function mirrorSpec(ctx: CollectContext<NotedbConfig>): NotedbMirror {
  const fromConfig = ctx.config?.mirrors.find((m) => (m.name ?? repoNameFromPath(m.path)) === ctx.scope);
  if (fromConfig) return fromConfig;
  const path = ctx.paths.find((p) => ((ctx.options.name as string) ?? repoNameFromPath(p)) === ctx.scope);
  if (!path) throw new ShiplogError('bad_request', `gerrit-notedb: no mirror path for scope ${ctx.scope}`);
  return { path, name: ctx.scope, host: ctx.options.host as string | undefined };
}

async function forEachRef(path: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', path, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/changes/'],
      { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? (err as Error).message;
    throw new ShiplogError('source_unreachable', `${path}: git for-each-ref refs/changes/: ${stderr}`, { cause: err });
  }
}

/** `git cat-file --batch` over the given shas → sha → commit text (absent objects omitted). */
async function catCommits(path: string, shas: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (shas.length === 0) return out;
  const child = spawn('git', ['-C', path, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  child.stdin.end(shas.join('\n') + '\n');
  const code = await exited;
  if (code !== 0) throw new ShiplogError('source_unreachable', `${path}: git cat-file --batch exited with ${code}`);
  const buf = Buffer.concat(chunks);
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString();
    pos = nl + 1;
    const m = /^([0-9a-f]{40}) (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<sha> missing": the mirror lacks that patch set's object
    const size = Number(m[3]);
    if (m[2] === 'commit') out.set(m[1], buf.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return out;
}

/** Streams `git log --format=raw --source` and yields one (ref, text) per meta ref. */
async function* metaLogs(path: string, refs: string[]): AsyncGenerator<{ ref: string; text: string }> {
  const child = spawn('git', ['-C', path, 'log', '--stdin', '--format=raw', '--source', '--topo-order'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  child.stdin.end(refs.join('\n') + '\n');
  let buf = '';
  let ref: string | null = null;
  let parts: string[] = [];
  try {
    for await (const data of child.stdout) {
      buf += data.toString();
      let cut: number;
      while ((cut = buf.indexOf('\ncommit ', 1)) !== -1) {
        const chunk = buf.slice(0, cut + 1);
        buf = buf.slice(cut + 1);
        const next = takeCommit(chunk);
        if (next.ref !== ref && ref !== null) {
          yield { ref, text: parts.join('') };
          parts = [];
        }
        ref = next.ref;
        parts.push(next.text);
      }
    }
    if (buf.trim() !== '') {
      const last = takeCommit(buf.endsWith('\n') ? buf : `${buf}\n`);
      if (last.ref !== ref && ref !== null) {
        yield { ref, text: parts.join('') };
        parts = [];
      }
      ref = last.ref;
      parts.push(last.text);
    }
    if (ref !== null) yield { ref, text: parts.join('') };
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new ShiplogError('source_unreachable', `${path}: git log --source (meta refs) exited with ${code}: ${stderr.trim()}`);
}

/** `commit <sha>\t<ref>` → the ref, and the text as plain `git log --format=raw` prints it. */
function takeCommit(chunk: string): { ref: string; text: string } {
  const nl = chunk.indexOf('\n');
  const head = chunk.slice(0, nl);
  const tab = head.indexOf('\t');
  return tab < 0 ? { ref: '', text: chunk } : { ref: head.slice(tab + 1), text: head.slice(0, tab) + chunk.slice(nl) };
}

function payloadOf(spec: { project: string; host: string }, c: ChangeRefs, meta: string, commits: Map<string, string>): ChangeMetaPayload {
  const current = c.current ? commits.get(c.current) ?? null : null;
  return { project: spec.project, host: spec.host, number: c.number, refs: c.refs, meta, commit: current };
}

export async function* collectNotedb(ctx: CollectContext<NotedbConfig>): AsyncGenerator<Batch> {
  const spec = mirrorSpec(ctx);
  const path = resolve(spec.path);
  const target = { project: ctx.scope, host: spec.host ?? DEFAULT_GERRIT_HOST };
  const { changes, rejects: refRejects } = listChanges(await forEachRef(path), path);
  const seen = decodeCursor(ctx.cursor);
  const todo = [...changes.values()].filter((c) => c.meta && seen.get(c.number) !== c.meta.slice(0, 12));
  const total = todo.length;
  const batchSize = Number(ctx.options.batch ?? BATCH) || BATCH;
  const rejects: Reject[] = [...refRejects];
  if (total === 0) {
    yield { items: [], cursor: encodeCursor(seen), rejects, progress: { done: 0, total: 0 } };
    return;
  }
  const commits = await catCommits(path, todo.flatMap((c) => (c.current ? [c.current] : [])));
  const byMetaRef = new Map(todo.map((c) => [c.metaRef, c]));
  let items: RawItem[] = [];
  let done = 0;
  for await (const { ref, text } of metaLogs(path, todo.map((c) => c.metaRef))) {
    const c = byMetaRef.get(ref);
    if (!c) {
      // Not a ref we asked for, or a second run of one (its history was not contiguous).
      rejects.push({ kind: 'change-meta', location: `${path}:${ref}`, reason: `git log --source printed "${ref}" unexpectedly or twice: its commits there were not read` });
      continue;
    }
    byMetaRef.delete(ref);
    items.push({ kind: 'change-meta', key: String(c.number), url: `${path}#${c.metaRef}`, payload: JSON.stringify(payloadOf(target, c, text, commits)) });
    seen.set(c.number, c.meta!.slice(0, 12));
    if (items.length >= batchSize) {
      done += items.length;
      yield { items, cursor: encodeCursor(seen), rejects: rejects.splice(0), progress: { done, total } };
      items = [];
    }
  }
  for (const [ref, c] of byMetaRef) {
    rejects.push({ kind: 'change-meta', key: String(c.number), location: `${path}:${ref}`, reason: 'meta ref listed by for-each-ref but not printed by git log: change not read' });
  }
  done += items.length;
  yield { items, cursor: encodeCursor(seen), rejects, progress: { done, total } };
}
