// Unified diffs as git prints them for one file (`git log -p -- <file>`): parse the hunks
// and apply them to the previous version's lines. Pure. A hunk whose context or removed
// lines do not match the previous version is reported, not guessed around.

export interface Hunk {
  oldStart: number; // 1-based; 0 when the old side is empty
  lines: string[]; // each starting with ' ', '-', '+' (or '\' for "No newline at end of file")
}

export interface FilePatch {
  /** The file was created (`new file mode`) or deleted (`deleted file mode`) by this commit. */
  created: boolean;
  deleted: boolean;
  hunks: Hunk[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of git's diff text of one file (header lines before the first @@ are skipped). */
export function parsePatch(text: string): FilePatch {
  const out: FilePatch = { created: /^new file mode /m.test(text), deleted: /^deleted file mode /m.test(text), hunks: [] };
  let cur: Hunk | null = null;
  for (const line of text.split('\n')) {
    const m = HUNK.exec(line);
    if (m) {
      cur = { oldStart: Number(m[1]), lines: [] };
      out.hunks.push(cur);
    } else if (cur && (line.startsWith(' ') || line.startsWith('-') || line.startsWith('+') || line.startsWith('\\'))) {
      cur.lines.push(line);
    }
  }
  return out;
}

export interface Applied {
  lines: string[];
  /** Indexes (0-based) of the removed lines in the old version, and of the added ones in the new. */
  removed: number[];
  added: number[];
  /** Each hunk's line range (0-based, end exclusive) in the old and in the new version. */
  spans: { oldFrom: number; oldTo: number; newFrom: number; newTo: number }[];
}

/** The new version's lines, or an error naming the first line that does not match. */
export function applyPatch(old: readonly string[], patch: FilePatch): Applied | { error: string } {
  if (patch.deleted) return { lines: [], removed: old.map((_, i) => i), added: [], spans: [{ oldFrom: 0, oldTo: old.length, newFrom: 0, newTo: 0 }] };
  const next: string[] = [];
  const removed: number[] = [];
  const spans: Applied['spans'] = [];
  const added: number[] = [];
  let at = 0; // next unread index of `old`
  for (const h of patch.hunks) {
    const start = Math.max(0, h.oldStart - (h.lines.some((l) => l[0] === ' ' || l[0] === '-') ? 1 : 0));
    if (start < at) return { error: `hunk at line ${h.oldStart} overlaps the one before` };
    for (; at < start; at++) next.push(old[at]);
    const span = { oldFrom: at, oldTo: at, newFrom: next.length, newTo: next.length };
    for (const l of h.lines) {
      const tag = l[0];
      const body = l.slice(1);
      if (tag === '+') {
        added.push(next.length);
        next.push(body);
      }
      else if (tag === ' ' || tag === '-') {
        if (old[at] !== body) {
          return { error: `line ${at + 1} is ${JSON.stringify(old[at]?.slice(0, 60))}, the patch expects ${JSON.stringify(body.slice(0, 60))}` };
        }
        if (tag === ' ') next.push(old[at]);
        else removed.push(at);
        at++;
      }
    }
    span.oldTo = at;
    span.newTo = next.length;
    spans.push(span);
  }
  for (; at < old.length; at++) next.push(old[at]);
  return { lines: next, removed, added, spans };
}
