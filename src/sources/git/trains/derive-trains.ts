// Trains of one mediawiki-config repository from stored rows only (so renormalize needs no
// git): the `wikiversions` raw records (file content at each commit that changed it) and
// the commits' parents. The state before a commit is the content at its first parent,
// found by walking first parents to the nearest commit that changed the file. States are
// read in arrival order, kept as text until no later commit needs them, and compared on
// the changed lines only.
import { loadSql } from '../../../lib/sql.ts';
import type { RowFor } from '../../../model/catalogue/index.ts';
import type { ReadFn } from '../../types.ts';
import { computeTrains, type TrainCommit } from './compute.ts';
import { diffWikiversions, type Move, type VersionMoves } from './diff.ts';
import { changedLines, readEntries } from './wikiversions.ts';

const FILES = ['wikiversions.json', 'wikiversions.dat'];
const CHUNK = 200;

interface Touching {
  sha: string;
  commit_key: string;
  parents: string[];
  committed_at: Date;
  bug_tasks: string[] | null;
  touched_files: string[];
}

/** The commit whose state of `path` a commit starts from: its first parent, or further back. */
export function stateBefore(sha: string, path: string, parentOf: Map<string, string | undefined>, touched: Set<string>): string | null {
  const seen = new Set<string>();
  for (let p = parentOf.get(sha); p && !seen.has(p); p = parentOf.get(p)) {
    if (touched.has(`${p}:${path}`)) return `${p}:${path}`;
    seen.add(p);
  }
  return null;
}

function mergeMoves(into: Map<string, VersionMoves>, from: Map<string, VersionMoves>): void {
  const add = (list: Move[], m: Move) => { if (!list.some((x) => x.wiki === m.wiki)) list.push(m); };
  for (const [v, moves] of from) {
    const cur = into.get(v) ?? { forward: [], back: [] };
    moves.forward.forEach((m) => add(cur.forward, m));
    moves.back.forEach((m) => add(cur.back, m));
    into.set(v, cur);
  }
}

export async function deriveTrains(read: ReadFn, repo: string, parentOf: Map<string, string | undefined>): Promise<{ trains: RowFor<'trains'>[]; train_events: RowFor<'train_events'>[] } | null> {
  const commits = await read<Touching>(loadSql(import.meta.url, 'touching.sql'), [repo]);
  if (commits.length === 0) return null;
  const touched = new Set(commits.flatMap((c) => c.touched_files.map((f) => `${c.sha}:${f}`)));
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const beforeOf = new Map<string, string | null>();
  const needed = new Map<string, number>(); // state key → commits still to diff against it
  for (const c of commits) {
    for (const f of c.touched_files.filter((x) => FILES.includes(x))) {
      const b = stateBefore(c.sha, f, parentOf, touched);
      beforeOf.set(`${c.sha}:${f}`, b);
      if (b) needed.set(b, (needed.get(b) ?? 0) + 1);
    }
  }
  const states = new Map<string, string>();
  const moves = new Map<string, { rawId: string; seq: number; byVersion: Map<string, VersionMoves> }>();
  for (let seq = 0; ;) {
    const rows = await read<{ key: string; payload: string; raw_id: string; seq: number }>(
      `SELECT key, payload, raw_id, seq FROM raw_records WHERE source = 'git' AND scope = $1 AND kind = 'wikiversions' AND seq > $2
        ORDER BY seq LIMIT ${CHUNK}`, [repo, seq]);
    if (rows.length === 0) break;
    seq = Number(rows[rows.length - 1].seq);
    for (const r of rows) {
      const [sha, path] = [r.key.slice(0, r.key.indexOf(':')), r.key.slice(r.key.indexOf(':') + 1)];
      const beforeKey = beforeOf.get(r.key);
      const before = beforeKey ? states.get(beforeKey) : undefined;
      const commit = bySha.get(sha);
      if (before !== undefined && commit && commit.parents.length === 1) {
        const [was, now] = changedLines(before, r.payload);
        const d = diffWikiversions(readEntries(was, path), readEntries(now, path), r.key).byVersion;
        const cur = moves.get(sha);
        if (cur) mergeMoves(cur.byVersion, d);
        else moves.set(sha, { rawId: r.raw_id, seq: Number(r.seq), byVersion: d });
      }
      if (beforeKey) {
        const left = (needed.get(beforeKey) ?? 1) - 1;
        needed.set(beforeKey, left);
        if (left <= 0) states.delete(beforeKey);
      }
      if ((needed.get(r.key) ?? 0) > 0) states.set(r.key, r.payload);
    }
  }
  const list: TrainCommit[] = [...moves.entries()]
    .map(([sha, m]) => {
      const c = bySha.get(sha)!;
      return { sha, seq: m.seq, commitKey: c.commit_key, committedAt: c.committed_at, bugTasks: c.bug_tasks ?? [], rawId: m.rawId, byVersion: m.byVersion };
    })
    // history order: committed time, then arrival order (collect reads topologically)
    .sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime() || a.seq - b.seq);
  return computeTrains(list);
}
