// Output formats of the CLI: aligned text tables for people, JSON and CSV for machines.
// CSV comes from src/lib/csv.ts, shared with the API. Values are already plain JS (the
// store converts); dates print as ISO UTC.
import { toCsv as sharedCsv } from '../lib/csv.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(cell).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function toTable(columns: string[], rows: Record<string, unknown>[], maxWidth = 60): string {
  const cells = rows.map((r) => columns.map((c) => {
    const s = cell(r[c]).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  }));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** CSV as the API writes it (formula-safe), with Unix line ends for the terminal. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return sharedCsv(columns, rows, '\n').trimEnd();
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
}
