// Rows checked against the table catalogue before any engine sees them: an unknown
// column, a missing key or required value, or a value of the wrong type is refused with
// the table, column and the row's raw record named. Engine-neutral, so both engines
// refuse the same rows with the same words.
import { columnOf, type Column, type TableDef } from '../model/catalogue/index.ts';
import { ShiplogError } from '../lib/errors.ts';
import type { Row } from './types.ts';

function where(row: Row, i: number): string {
  return typeof row.raw_id === 'string' ? `row ${i + 1}, raw ${row.raw_id}` : `row ${i + 1}`;
}

function refuse(t: TableDef, column: string, row: Row, i: number, what: string): never {
  throw new ShiplogError('store_failure', `${t.name}.${column}: ${what} (${where(row, i)})`);
}

/** The value as the column's type wants it, or a refusal naming table, column and row. */
export function coerce(t: TableDef, name: string, c: Column, v: unknown, row: Row, i: number): unknown {
  if (v === undefined || v === null) {
    if (c.required) refuse(t, name, row, i, 'is required but missing');
    return null;
  }
  switch (c.type) {
    case 'text':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'int':
    case 'bigint':
    case 'double': {
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n)) refuse(t, name, row, i, `expected a number, got ${JSON.stringify(v)}`);
      return c.type === 'double' ? n : Math.trunc(n);
    }
    case 'bool':
      if (typeof v !== 'boolean') refuse(t, name, row, i, `expected true or false, got ${JSON.stringify(v)}`);
      return v;
    case 'timestamp': {
      const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
      if (!d || Number.isNaN(d.getTime())) refuse(t, name, row, i, `expected a time, got ${JSON.stringify(v)}`);
      return d;
    }
    case 'text[]':
      if (!Array.isArray(v)) refuse(t, name, row, i, `expected a list, got ${JSON.stringify(v)}`);
      return v.map((x) => (typeof x === 'string' ? x : String(x)));
    case 'bigint[]':
      if (!Array.isArray(v)) refuse(t, name, row, i, `expected a list, got ${JSON.stringify(v)}`);
      return v.map((x) => {
        const n = Number(x);
        if (!Number.isFinite(n)) refuse(t, name, row, i, `expected numbers, got ${JSON.stringify(x)}`);
        return Math.trunc(n);
      });
  }
}

/**
 * The rows as arrays in `order` (the engine's column order), every value coerced. Refuses
 * a column the table does not declare, so a misspelt name never lands as NULL.
 */
export function rowsToArrays(t: TableDef, order: readonly string[], rows: readonly Row[]): unknown[][] {
  const cols = order.map((name) => {
    const c = columnOf(t, name);
    if (!c) throw new ShiplogError('store_failure', `${t.name}.${name}: the database has a column the catalogue does not declare`);
    return c;
  });
  const known = new Set(order);
  const out: unknown[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (const k in row) if (!known.has(k)) refuse(t, k, row, i, 'no such column');
    const arr = new Array(order.length);
    for (let j = 0; j < order.length; j++) arr[j] = coerce(t, order[j], cols[j], row[order[j]], row, i);
    out[i] = arr;
  }
  return out;
}

/** The key of a row as one string (for de-duplicating a batch). */
export function keyOf(t: TableDef, row: Row): string {
  if (t.key.length === 1) return String(row[t.key[0]]); // most tables: no array, no join per row
  return t.key.map((k) => String(row[k])).join('\u0000');
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * True when `b` should replace `a` under the table's version rule, column by column (a
 * missing value always loses), then raw_id; with no rule the later write wins. The SQL
 * of each engine's upsert states the same rule.
 */
export function replaces(t: TableDef, a: Row, b: Row): boolean {
  if (!t.version) return true;
  for (const v of t.version) {
    const av = a[v.column];
    const bv = b[v.column];
    if (av == null && bv == null) continue;
    if (bv == null) return false;
    if (av == null) return true;
    const c = compare(bv, av);
    if (c !== 0) return v.prefer === 'max' ? c > 0 : c < 0;
  }
  return compare(b.raw_id, a.raw_id) >= 0;
}

/** One row per key: the winner under the version rule (or the last), in first-seen order. */
export function dedupeByKey(t: TableDef, rows: readonly Row[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const r of rows) {
    const k = keyOf(t, r);
    const prev = byKey.get(k);
    if (!prev || replaces(t, prev, r)) byKey.set(k, r);
  }
  return byKey.size === rows.length ? (rows as Row[]) : [...byKey.values()]; // no key twice: the batch as it came
}
