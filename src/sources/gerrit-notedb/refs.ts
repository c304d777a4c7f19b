// The change refs of a mirror (`git for-each-ref --format='%(objectname) %(refname)'
// refs/changes/` output) grouped per change, and the incremental cursor: change number
// → first 12 hex digits of its meta sha, one `number:sha` per line. Pure.
import type { Reject } from '../types.ts';

export interface ChangeRefs {
  number: number;
  metaRef: string;
  meta: string | null; // sha of refs/changes/NN/N/meta
  refs: Record<string, string>; // "1" … "P" and "meta" → sha
  current: string | null; // sha of the highest patch-set ref
}

const CHANGE_REF = /^refs\/changes\/(\d\d)\/(\d+)\/(\d+|meta)$/;

export function listChanges(text: string, path: string): { changes: Map<number, ChangeRefs>; rejects: Reject[] } {
  const changes = new Map<number, ChangeRefs>();
  const rejects: Reject[] = [];
  const top = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const sp = line.indexOf(' ');
    const sha = line.slice(0, sp);
    const ref = line.slice(sp + 1);
    const m = CHANGE_REF.exec(ref);
    if (!m) continue; // robot-comments, drafts and other refs are not read
    const number = Number(m[2]);
    if (m[1] !== m[2].padStart(2, '0').slice(-2)) {
      rejects.push({ kind: 'change-ref', key: String(number), location: `${path}:${ref}`, reason: 'shard does not match the change number' });
      continue;
    }
    let c = changes.get(number);
    if (!c) {
      c = { number, metaRef: `refs/changes/${m[1]}/${number}/meta`, meta: null, refs: {}, current: null };
      changes.set(number, c);
    }
    c.refs[m[3]] = sha;
    if (m[3] === 'meta') c.meta = sha;
    else if (Number(m[3]) > (top.get(number) ?? 0)) {
      top.set(number, Number(m[3]));
      c.current = sha;
    }
  }
  for (const c of changes.values()) {
    if (!c.meta) rejects.push({ kind: 'change-ref', key: String(c.number), location: `${path}:refs/changes/*/${c.number}`, reason: 'patch-set refs without a NoteDB meta ref: change not read' });
  }
  return { changes, rejects };
}

export function decodeCursor(cursor: string | null): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of (cursor ?? '').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out.set(Number(line.slice(0, i)), line.slice(i + 1));
  }
  return out;
}

export function encodeCursor(seen: Map<number, string>): string {
  return [...seen].map(([n, s]) => `${n}:${s}`).join('\n');
}
