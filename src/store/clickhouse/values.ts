// Values between plain JS and ClickHouse, in one place: `$1` parameters inlined as typed
// literals (ClickHouse has no positional parameters; strings are escaped, the text around
// them is scanned so a `$1` inside a string or comment stays as it is), rows read from
// JSONCompact turned into plain JS by the column's declared type, and rows encoded for
// JSONEachRow inserts. Nothing outside src/store/clickhouse sees a ClickHouse value.
import { ShiplogError } from '../../lib/errors.ts';

/** A SQL string literal: backslash and quote escaped (ClickHouse reads C-style escapes). */
export function quote(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** `2024-01-02 03:04:05.678` (UTC), the text both DateTime and DateTime64 parse. */
export function timeText(d: Date, millis = true): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, millis ? 23 : 19)}`;
}

export function literal(v: unknown, modern: boolean): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ShiplogError('store_failure', `parameter ${v} is not a finite number`);
    return Number.isInteger(v) ? String(v) : String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return modern ? String(v) : v ? '1' : '0';
  if (v instanceof Date) {
    return modern ? `toDateTime64(${quote(timeText(v))}, 3, 'UTC')` : `toDateTime(${quote(timeText(v, false))}, 'UTC')`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return 'CAST([] AS Array(String))';
    return `[${v.map((x) => literal(x, modern)).join(', ')}]`;
  }
  return quote(JSON.stringify(v));
}

/**
 * Replaces `$1`…`$n` outside string literals, quoted identifiers and comments with the
 * parameters as literals. A parameter the text does not use is fine; one it uses and the
 * caller did not pass is refused. A NULL after LIMIT means no limit, as in DuckDB.
 */
export function inlineParams(sql: string, params: readonly unknown[] | undefined, modern: boolean): string {
  if (!params || params.length === 0 || !sql.includes('$')) return sql;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      const end = j < 0 ? sql.length : j;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      const end = j < 0 ? sql.length : j + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(sql[j] ?? '')) j++;
      const n = Number(sql.slice(i + 1, j));
      if (n < 1 || n > params.length) throw new ShiplogError('store_failure', `parameter $${n} is not given (${params.length} given)`);
      // LIMIT NULL is no limit in DuckDB (a report's "all rows"); ClickHouse wants a number
      const v = params[n - 1];
      out += v == null && /\bLIMIT\s*$/i.test(out.slice(-16)) ? '18446744073709551615' : literal(v, modern);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses `2024-01-02 03:04:05[.678]` (a UTC column) as a Date. */
function parseTime(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00:00' : ''}Z`);
}

/** A converter from a JSONCompact value to plain JS, for a column of `type`. */
export function readerOf(type: string): (v: unknown) => unknown {
  let t = type;
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) break;
    t = m[1];
  }
  if (t.startsWith('Array(')) {
    const inner = readerOf(t.slice(6, -1));
    return (v) => (Array.isArray(v) ? v.map(inner) : v);
  }
  if (t.startsWith('DateTime') || t === 'Date' || t === 'Date32') {
    return (v) => (typeof v === 'string' ? parseTime(v) : v);
  }
  if (/^(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal)/.test(t)) {
    return (v) => (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
  }
  return (v) => v;
}

/** A value for a JSONEachRow insert into a column of catalogue type `type`. */
export function encodeValue(v: unknown, modern: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return timeText(v, modern);
  if (typeof v === 'boolean') return modern ? v : v ? 1 : 0;
  return v;
}

/**
 * The text outside string literals, quoted names and comments, with each of those replaced
 * by a space: what a keyword or `;` check may look at.
 */
export function codeOnly(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      out += ' ';
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      i = j < 0 ? sql.length : j;
      out += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      i = j < 0 ? sql.length : j + 2;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Statements of a script split at `;` outside strings and comments, empty ones dropped. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      i = j < 0 ? sql.length : j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      i = j < 0 ? sql.length : j + 2;
    } else if (c === ';') {
      out.push(sql.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  out.push(sql.slice(start));
  return out.filter((s) => codeOnly(s).trim() !== '');
}
