// The two write paths on ClickHouse, driven by the catalogue:
// - append: rows are inserted as they are (one part per batch), never reading the table;
// - upsert: the batch's keys are probed in the latest-version view, and the rule of
//   rows.ts `replaces()` decides in JS exactly as DuckDB's ON CONFLICT does: new keys are
//   inserted, changed rows that win the version rule are inserted as a newer `_version`
//   (ReplacingMergeTree keeps it, the view reads it), derived columns keep their stored
//   value when the new row lacks one; the rest is unchanged and not written.
// Removals are lightweight DELETEs on append tables and `_deleted` versions on upsert ones.
import { ShiplogError } from '../../lib/errors.ts';
import { columnNames, type Column, type TableDef } from '../../model/catalogue/index.ts';
import { dedupeByKey, keyOf, replaces, rowsToArrays } from '../rows.ts';
import { ident } from '../../lib/sql.ts';
import type { Row, UpsertCounts } from '../types.ts';
import type { ChConn } from './conn.ts';
import { insertTarget, versionsTable } from './ddl.ts';
import { encodeValue, literal, readerOf } from './values.ts';

const q = ident;
const PROBE_CHUNK = 5_000;

export interface WriteContext {
  conn: ChConn;
  modern: boolean;
  /** A version larger than any written before by this store. */
  nextVersion(): number;
  /** Physical table names for DELETE (the local tables on a cluster). */
  deleteTarget(table: string): string;
}

function columnsOf(t: TableDef): [string, Column][] {
  return columnNames(t).map((n) => [n, (t.columns as Record<string, Column>)[n]]);
}

/** Coerced rows as objects, times cut to what the server stores, lists never null. */
function coerced(t: TableDef, rows: readonly Row[], modern: boolean): Row[] {
  const cols = columnsOf(t);
  const order = cols.map(([n]) => n);
  return rowsToArrays(t, order, rows).map((a) => {
    const o: Row = {};
    cols.forEach(([n, c], i) => {
      let v = a[i];
      if (c.type.endsWith('[]') && v === null) v = [];
      if (!modern && v instanceof Date) v = new Date(Math.floor(v.getTime() / 1000) * 1000);
      o[n] = v;
    });
    return o;
  });
}

function encodeFor(modern: boolean, row: Row, extra?: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in row) out[k] = encodeValue(row[k], modern);
  return extra ? Object.assign(out, extra) : out;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) {
    const empty = (x: unknown) => x == null || (Array.isArray(x) && x.length === 0);
    return empty(a) && empty(b);
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return false;
}

export async function appendRows(ctx: WriteContext, t: TableDef, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = coerced(t, rows, ctx.modern).map((r) => encodeFor(ctx.modern, r));
  await ctx.conn.insert(insertTarget(t), out);
  return out.length;
}

/** Rows as plain JS from an answer. */
export async function selectRows(conn: ChConn, sql: string): Promise<Row[]> {
  const a = await conn.query(sql);
  const readers = a.meta.map((m) => readerOf(m.type));
  return a.data.map((d) => {
    const o: Row = {};
    a.meta.forEach((m, i) => (o[m.name] = readers[i](d[i])));
    return o;
  });
}

function keyPredicate(t: TableDef, rows: readonly Row[], modern: boolean): string {
  if (t.key.length === 1) return `${q(t.key[0])} IN (${rows.map((r) => literal(r[t.key[0]], modern)).join(', ')})`;
  return `(${t.key.map(q).join(', ')}) IN (${rows.map((r) => `(${t.key.map((k) => literal(r[k], modern)).join(', ')})`).join(', ')})`;
}

/**
 * The stored latest rows of the batch's keys: the newest version of each (LIMIT 1 BY the key),
 * unless that is a removal. A point lookup by the sorting key; measured 5–30 ms against
 * 50–480 ms for the same keys through FINAL on 1M keys in three unmerged parts.
 */
async function probe(ctx: WriteContext, t: TableDef, rows: readonly Row[]): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  const cols = columnNames(t).map(q).join(', ');
  const key = t.key.map(q).join(', ');
  for (let i = 0; i < rows.length; i += PROBE_CHUNK) {
    const part = rows.slice(i, i + PROBE_CHUNK);
    const sql = `SELECT ${cols}, _deleted FROM ${q(versionsTable(t))} WHERE ${keyPredicate(t, part, ctx.modern)} ORDER BY ${key}, _version DESC LIMIT 1 BY ${key}`;
    for (const r of await selectRows(ctx.conn, sql)) {
      const deleted = Number(r._deleted) === 1;
      delete r._deleted;
      if (!deleted) found.set(keyOf(t, r), r);
    }
  }
  return found;
}

export async function upsertRows(ctx: WriteContext, t: TableDef, rows: readonly Row[]): Promise<UpsertCounts> {
  const { counts, toWrite } = await planUpsert(ctx, t, rows);
  await ctx.conn.insert(versionsTable(t), toWrite);
  return counts;
}

/** What an upsert would write, and its counts, against what is stored now. */
export async function planUpsert(ctx: WriteContext, t: TableDef, rows: readonly Row[]): Promise<{ counts: UpsertCounts; toWrite: Record<string, unknown>[] }> {
  const counts = { new: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return { counts, toWrite: [] };
  const batch = coerced(t, dedupeByKey(t, rows), ctx.modern);
  const stored = await probe(ctx, t, batch);
  const cols = columnsOf(t);
  const keys = new Set<string>(t.key);
  const toWrite: Record<string, unknown>[] = [];
  const version = ctx.nextVersion();
  for (const row of batch) {
    const prev = stored.get(keyOf(t, row));
    if (!prev) {
      counts.new++;
      toWrite.push(encodeFor(ctx.modern, row, { _version: version, _deleted: 0 }));
      continue;
    }
    const merged: Row = { ...row };
    let differs = false;
    for (const [n, c] of cols) {
      if (keys.has(n)) continue;
      if (c.derivedBy && merged[n] == null) merged[n] = prev[n] ?? null;
      if (!same(merged[n], prev[n])) differs = true;
    }
    if (differs && replaces(t, prev, row)) {
      counts.updated++;
      toWrite.push(encodeFor(ctx.modern, merged, { _version: version, _deleted: 0 }));
    } else {
      counts.unchanged++;
    }
  }
  return { counts, toWrite };
}

function inList(values: readonly string[], modern: boolean): string {
  return values.map((v) => literal(v, modern)).join(', ');
}

/** Removes the rows of `t` that came from the given raw records; returns how many. */
export async function deleteByRaw(ctx: WriteContext, t: TableDef, rawIds: readonly string[]): Promise<number> {
  if (rawIds.length === 0) return 0;
  const list = inList(rawIds, ctx.modern);
  if (t.mode === 'upsert') {
    const cols = columnNames(t).map(q).join(', ');
    const live = await selectRows(ctx.conn, `SELECT ${cols} FROM ${q(versionsTable(t))} FINAL WHERE raw_id IN (${list}) AND _deleted = 0`);
    if (live.length === 0) return 0;
    const version = ctx.nextVersion();
    await ctx.conn.insert(versionsTable(t), live.map((r) => encodeFor(ctx.modern, r, { _version: version, _deleted: 1 })));
    return live.length;
  }
  const [[n]] = (await ctx.conn.query(`SELECT count() FROM ${q(t.name)} WHERE raw_id IN (${list})`)).data as [[number]];
  if (Number(n) === 0) return 0;
  await deleteWhere(ctx, t.name, `raw_id IN (${list})`);
  return Number(n);
}

/**
 * Removes the rows of `t` matching `where` (ClickHouse SQL over its public columns): on an
 * upsert table a `_deleted` version of each live row, on an append table a DELETE. Answers
 * how many rows it removed.
 */
export async function removeWhere(ctx: WriteContext, t: TableDef, where: string): Promise<number> {
  if (t.mode === 'upsert') {
    const cols = columnNames(t).map(q).join(', ');
    const live = await selectRows(ctx.conn, `SELECT ${cols} FROM ${q(t.name)} WHERE ${where}`);
    if (live.length === 0) return 0;
    const version = ctx.nextVersion();
    await ctx.conn.insert(versionsTable(t), coerced(t, live, ctx.modern).map((r) => encodeFor(ctx.modern, r, { _version: version, _deleted: 1 })));
    return live.length;
  }
  const [[n]] = (await ctx.conn.query(`SELECT count() FROM ${q(t.name)} WHERE ${where}`)).data as [[number]];
  if (Number(n) === 0) return 0;
  await deleteWhere(ctx, t.name, where);
  return Number(n);
}

/**
 * Deletes rows of an append table: a lightweight DELETE, or on old servers a mutation (of each
 * shard's local table on a cluster), awaited until no row the condition names is left on any
 * node: system.mutations shows only this node's, and on a cluster the mutation runs on each.
 */
export async function deleteWhere(ctx: WriteContext, table: string, where: string): Promise<void> {
  const target = ctx.deleteTarget(table);
  if (ctx.modern) {
    await ctx.conn.exec(`DELETE FROM ${target} WHERE ${where}`);
    return;
  }
  await ctx.conn.exec(`ALTER TABLE ${target} DELETE WHERE ${where}`);
  for (let i = 0; i < 600; i++) {
    const a = await ctx.conn.query(`SELECT count() FROM ${q(table)} WHERE ${where}`);
    if (Number(a.data[0][0]) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new ShiplogError('store_failure', `${table}: the rows deleted WHERE ${where.slice(0, 120)} were still there a minute later (system.mutations names the mutation)`);
}
