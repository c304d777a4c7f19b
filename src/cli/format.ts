// Output formats of the CLI: aligned text tables for people, JSON and CSV for machines.
// CSV comes from src/lib/csv.ts, shared with the API. Values are already plain JS (the
// store converts); dates print as ISO UTC. Imported text can hold terminal escapes
// (`ESC]0;…BEL`, colours): tables always show control characters as visible escapes, CSV
// does when it goes to a terminal, JSON escapes them as JSON does.
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

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(cell).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function toTable(columns: string[], rows: Record<string, unknown>[], maxWidth = 60): string {
  const cells = rows.map((r) => columns.map((c) => {
    const s = escapeControls(cell(r[c]).replace(/\s+/g, ' '));
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  }));
  const widths = columns.map((c, i) => Math.max(escapeControls(c).length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map((c) => escapeControls(c))), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
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
