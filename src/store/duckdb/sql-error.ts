// DuckDB's error text for a query, as one line that names the position: DuckDB prints
// the offending line under the message with a caret (`LINE 2:  b frm x` / `   ^`); this
// turns that into "line 2, column 8" of the query the user wrote, and keeps DuckDB's hint
// ("Did you mean …", "Candidate bindings …") after a semicolon.

/** Line and column (1-based) of character offset `at` in `text`. */
function lineColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Where DuckDB's caret points, in the query's own lines; null when it shows none. */
export function caretPosition(message: string, sql: string): { line: number; column: number } | null {
  if (/at end of input/.test(message)) return lineColumn(sql, sql.trimEnd().length);
  const m = /\nLINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const shown = m[2];
  const caret = m[3].length - `LINE ${m[1]}: `.length;
  const own = sql.split('\n')[line - 1];
  if (own === undefined) return null;
  // DuckDB shows a window of long lines, with "..." where it cut; find it in the real line
  const lead = shown.startsWith('...') ? 3 : 0;
  const windowText = shown.slice(lead).replace(/\.\.\.$/, '');
  const start = own.indexOf(windowText);
  return { line, column: (start >= 0 ? start : 0) + Math.max(0, caret - lead) + 1 };
}

/** "syntax error at or near "SELEC" (line 1, column 1)", with DuckDB's hint if it gave one. */
export function describeSqlError(message: string, sql: string): string {
  const text = message.replace(/^Failed to extract statements:\s*/, '');
  const [first, ...rest] = text.split('\n');
  const hint = rest.find((l) => /^(Did you mean|Candidate bindings)/.test(l.trim()));
  const pos = caretPosition(text, sql);
  return `${first}${pos ? ` (line ${pos.line}, column ${pos.column})` : ''}${hint ? `; ${hint.trim()}` : ''}`;
}
