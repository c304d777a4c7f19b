// CSV for every export (API `?format=csv`, `shiplog sql --format csv`): RFC 4180 quoting,
// times as ISO UTC, lists and objects as JSON. A text cell that a spreadsheet would read
// as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP "CSV injection"):
// commit subjects and SAL messages are other people's text.

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return String(v);
}

export function csvField(v: unknown): string {
  const s = cell(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(columns: string[], rows: Record<string, unknown>[], eol = '\r\n'): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
  return `${lines.join(eol)}${eol}`;
}
