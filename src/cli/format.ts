// Output formats of the CLI: aligned text tables for people, JSON and CSV for machines.
// CSV comes from src/lib/csv.ts, shared with the API. Values are already plain JS (the
// store converts); dates print as ISO UTC. Imported text can hold terminal escapes
// (`ESC]0;…BEL`, colours): tables always show control characters as visible escapes, CSV
// does when it goes to a terminal, JSON escapes them as JSON does. A table fits the width
// it is given: the widest columns are cut first (with an ellipsis), and when even narrow
// columns do not fit, the rightmost ones are left out with a note saying how to see them.
import { toCsv as sharedCsv } from '../lib/csv.ts';

/** C0 and C1 controls, DEL, and the bidi overrides that reorder what a terminal shows. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, less tab and line feed (the line ends of CSV). */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters as visible `\xNN` / `\u{NNNN}` text, so they cannot drive a terminal. */
export function escapeControls(s: string, keepLines = false): string {
  return s.replace(keepLines ? CONTROL_BUT_LINES : CONTROL, (ch) => {
    const n = ch.codePointAt(0) ?? 0;
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}

export interface TableOptions {
  /** Total width to fit (the terminal's); unlimited when absent. */
  width?: number;
  /** Longest cell text before an ellipsis; none when absent. */
  cellMax?: number;
}

/** Narrowest a column is cut to before columns are dropped instead. */
const MIN_COLUMN = 6;
const GAP = 2;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(cell).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function cut(s: string, w: number): string {
  const chars = [...s];
  return chars.length > w ? `${chars.slice(0, Math.max(0, w - 1)).join('')}…` : s;
}

const len = (s: string) => [...s].length;

/** The widths that fit `width`: the widest columns lose first, none below MIN_COLUMN. */
export function fitWidths(natural: number[], width: number): number[] | null {
  const room = width - GAP * (natural.length - 1);
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
  if (floor.reduce((a, b) => a + b, 0) > room) return null;
  if (natural.reduce((a, b) => a + b, 0) <= room) return natural;
  // the largest cap c with sum(min(w, max(c, floor))) <= room
  let lo = MIN_COLUMN;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const used = natural.reduce((a, w) => a + Math.min(w, mid), 0);
    if (used <= room) lo = mid;
    else hi = mid - 1;
  }
  return natural.map((w) => Math.min(w, lo));
}

export function toTable(columns: string[], rows: Record<string, unknown>[], opts: TableOptions | number = {}): string {
  const o: TableOptions = typeof opts === 'number' ? { cellMax: opts } : opts;
  let cols = columns.map((c) => escapeControls(c));
  let cells = rows.map((r) => columns.map((c) => {
    const s = escapeControls(cell(r[c]).replace(/\s+/g, ' '));
    return o.cellMax ? cut(s, o.cellMax) : s;
  }));
  let natural = cols.map((c, i) => Math.max(len(c), ...cells.map((r) => len(r[i]))));
  let note = '';
  let widths = natural;
  if (o.width) {
    let fitted = fitWidths(natural, o.width);
    let keep = cols.length;
    while (!fitted && keep > 1) {
      keep--;
      fitted = fitWidths(natural.slice(0, keep), o.width);
    }
    if (keep < cols.length) {
      note = `(${cols.length - keep} more column${cols.length - keep === 1 ? '' : 's'}, --wide or --format csv shows them: ${cols.slice(keep).join(', ')})`;
      cols = cols.slice(0, keep);
      cells = cells.map((r) => r.slice(0, keep));
      natural = natural.slice(0, keep);
    }
    widths = fitted ?? natural.map((w) => Math.min(w, o.width!));
  }
  const pad = (v: string, w: number) => `${v}${' '.repeat(Math.max(0, w - len(v)))}`;
  const line = (vals: string[]) => vals.map((v, i) => pad(cut(v, widths[i]), widths[i])).join(' '.repeat(GAP)).trimEnd();
  const out = [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (note) out.push(cut(note, o.width ?? note.length));
  return out.join('\n');
}

/** CSV as the API writes it (formula-safe), with Unix line ends; control characters escaped for a terminal. */
export function toCsv(columns: string[], rows: Record<string, unknown>[], opts: { terminal?: boolean } = {}): string {
  const csv = sharedCsv(columns, rows, '\n').trimEnd();
  return opts.terminal ? escapeControls(csv, true) : csv;
}

/** JSON text; C1 controls and bidi overrides (which JSON.stringify leaves raw) become \uXXXX escapes. */
export function toJson(value: unknown, indent: number | undefined = 2): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), indent)
    .replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
