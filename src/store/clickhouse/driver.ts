// ClickHouse implementation of the Store: in process through chdb (`path` is the data
// directory) or a server over HTTP (`url`), optionally a cluster. The same catalogue and
// public names as DuckDB; upsert tables read through latest-version views. ClickHouse has
// no multi-statement transactions, so a transaction here is a serialised unit whose
// bookkeeping writes (raw_heads, cursors, derive watermarks) are held back and written
// last, with a journal that undoes the rows of a unit that never got that far (raw.ts).
import { randomUUID } from 'node:crypto';
import { ShiplogError } from '../../lib/errors.ts';
import { columnNames, tableDef } from '../../model/catalogue/index.ts';
import { sqlVariant } from '../../lib/sql.ts';
import type { Params, QueryResult, RawRow, ReadOnlyOptions, Row, SqlDialect, Store, StoredRaw, UpsertCounts } from '../types.ts';
import { openChdb } from './chdb.ts';
import { RowCounts } from './counts.ts';
import { monthStarts } from './recent.ts';
import { countEach } from '../count-rows.ts';
import { settingsFor, type ChConn } from './conn.ts';
import { mutationOnCluster, mutationTarget, type Target, versionsTable } from './ddl.ts';
import { openHttp } from './http.ts';
import { migrateClickHouse } from './migrate.ts';
import { recoverJournal, storeRawClickHouse, type RawSession } from './raw.ts';
import { readOnlyClickHouse } from './readonly.ts';
import { flavourOf, publicType } from './types.ts';
import { inlineParams, readerOf, splitStatements } from './values.ts';
import { appendRows, deleteByRaw, planUpsert, removeWhere, selectRows, upsertRows, type WriteContext } from './write.ts';

export interface ClickHouseOptions {
  /** chdb: the data directory. With a url: only a label for messages. */
  path: string;
  url?: string;
  database?: string;
  user?: string;
  password?: string;
  cluster?: string;
  readOnly?: boolean;
}

export const CLICKHOUSE_DIALECT: SqlDialect = {
  listHasAny: (list, values) => `hasAny(${list}, ${values})`,
  inList: (expr, values) => `toString(${expr}) IN (SELECT arrayJoin(CAST(${values} AS Array(String))))`,
};

/** Written at commit, after the unit's rows: what makes a batch count as done. */
const DEFERRED = ['raw_heads', 'raw_seq_state', 'sync_state', 'derive_state', 'rollup_state', 'table_versions', 'step_state'];

class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function failure(where: string, err: unknown, sql?: string): ShiplogError {
  if (err instanceof ShiplogError) return err;
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0].replace(/\s*\(version [\d.]+.*\)\s*$/, '');
  const what = sql ? ` in ${sql.replace(/\s+/g, ' ').trim().slice(0, 120)}` : '';
  return new ShiplogError('store_failure', `${where}: ${msg}${what}`, { cause: err });
}

export class ClickHouseStore implements Store {
  readonly dialect = CLICKHOUSE_DIALECT;
  private readonly queue = new Queue();
  private writes = 0;
  private closed = false;
  private lastVersion = 0;
  readonly seq = { next: 1 };
  readonly ctx: WriteContext;
  private readonly counts: RowCounts;

  private constructor(readonly path: string, readonly conn: ChConn, readonly target: Target) {
    const modern = target.flavour.modern;
    this.counts = new RowCounts(conn, target);
    this.ctx = {
      conn, modern,
      nextVersion: () => (this.lastVersion = Math.max(Date.now() * 1000, this.lastVersion + 1)),
      deleteTarget: (table) => mutationTarget(table, target),
    };
  }

  static async open(opts: ClickHouseOptions): Promise<ClickHouseStore> {
    const database = opts.database ?? (opts.url ? 'shiplog' : 'default');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new ShiplogError('config_invalid', `clickhouse.database: ${JSON.stringify(database)} is not a plain name`);
    let conn: ChConn;
    let version: string;
    if (opts.url) {
      const probe = openHttp({ url: opts.url, database: 'default', user: opts.user, password: opts.password }, {});
      try {
        version = String((await probe.query('SELECT version()')).data[0][0]);
        if (!opts.readOnly) await probe.exec(`CREATE DATABASE IF NOT EXISTS ${database}${opts.cluster ? ` ON CLUSTER "${opts.cluster}"` : ''}`);
      } catch (err) {
        throw new ShiplogError('store_failure', `${probe.where}: cannot reach ClickHouse: ${(err as Error).message.split('\n')[0]}`, { cause: err });
      } finally {
        await probe.close();
      }
      conn = openHttp({ url: opts.url, database, user: opts.user, password: opts.password }, settingsFor(flavourOf(version).modern));
    } else {
      conn = openChdb(opts.path);
      try {
        version = String((await conn.query('SELECT version()')).data[0][0]);
        if (database !== 'default') {
          await conn.exec(`CREATE DATABASE IF NOT EXISTS ${database}`);
          await conn.exec(`USE ${database}`);
        }
      } catch (err) {
        await conn.close();
        throw failure(opts.path, err);
      }
    }
    const store = new ClickHouseStore(opts.url ? conn.where : opts.path, conn, { flavour: flavourOf(version), database, cluster: opts.cluster });
    try {
      if (!opts.readOnly) {
        await migrateClickHouse(conn, store.target);
        await recoverJournal(store.ctx);
      }
      const [row] = await store.all<{ seq: number | null }>('SELECT max(seq) AS seq FROM raw_records');
      store.seq.next = (row?.seq ?? 0) + 1;
    } catch (err) {
      await conn.close();
      throw failure(store.path, err);
    }
    return store;
  }

  get generation(): number {
    return this.writes;
  }

  /** The SQL as this engine runs it: its own variant of a loaded file, parameters inlined. */
  prepare(sql: string, params?: Params): string {
    return inlineParams(sqlVariant(sql, 'clickhouse'), params, this.target.flavour.modern);
  }

  private live(): void {
    if (this.closed) throw new ShiplogError('store_failure', `${this.path}: the store is closed`);
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  countRows(tables: string[]): Promise<Record<string, number>> {
    this.live();
    return this.counts.count(tables, (names) => countEach((sql, params) => this.all(sql, params), names));
  }

  recentBounds(table: string, column: string): Promise<Date[]> {
    this.live();
    return monthStarts((sql) => this.all(sql), this.target, table, column);
  }

  async query(sql: string, params?: Params): Promise<QueryResult> {
    this.live();
    const text = this.prepare(sql, params);
    try {
      const a = await this.conn.query(text);
      const readers = a.meta.map((m) => readerOf(m.type));
      const rows = a.data.map((d) => {
        const o: Row = {};
        a.meta.forEach((m, i) => (o[m.name] = readers[i](d[i])));
        return o;
      });
      return { columns: a.meta.map((m) => ({ name: m.name, type: publicType(m.type) })), rows };
    } catch (err) {
      throw failure(this.path, err, text);
    }
  }

  /** Runs statements now, outside the write queue (the transaction view and run() use it). */
  async execNow(sql: string, params?: Params): Promise<void> {
    for (const statement of splitStatements(this.prepare(sql, params)).map((s) => mutationOnCluster(s, this.target))) {
      try {
        await this.conn.exec(statement);
      } catch (err) {
        throw failure(this.path, err, statement);
      }
    }
  }

  run(sql: string, params?: Params): Promise<number> {
    this.live();
    return this.queue.run(() => this.execNow(sql, params).then(() => 0).finally(() => void this.writes++));
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.live();
    return this.queue.run(async () => {
      const tx = new ClickHouseUnit(this);
      try {
        const out = await fn(tx);
        await tx.commit();
        return out;
      } catch (err) {
        await tx.rollback().catch(() => undefined);
        throw err;
      } finally {
        this.writes++;
      }
    });
  }

  write(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.write(table, rows));
  }
  upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.upsert(table, rows));
  }
  append(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.append(table, rows));
  }
  storeRaw(records: RawRow[]): Promise<StoredRaw> {
    return this.transaction((tx) => tx.storeRaw(records));
  }
  deleteByRawIds(table: string, rawIds: string[]): Promise<number> {
    return this.transaction((tx) => tx.deleteByRawIds(table, rawIds));
  }
  remove(table: string, where: string, params?: Params): Promise<number> {
    return this.transaction((tx) => tx.remove(table, where, params));
  }
  replaceTable(name: string, sql: string, params?: Params): Promise<void> {
    return this.transaction((tx) => tx.replaceTable(name, sql, params));
  }
  appendToTable(name: string, sql: string, params?: Params): Promise<void> {
    return this.transaction((tx) => tx.appendToTable(name, sql, params));
  }
  replaceRows(table: string, sql: string, params?: Params): Promise<number> {
    return this.transaction((tx) => tx.replaceRows(table, sql, params));
  }

  readOnlyQuery(sql: string, opts: ReadOnlyOptions) {
    this.live();
    return readOnlyClickHouse(this.conn, sql, opts, this.target);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.run(async () => undefined);
    await this.conn.close();
  }
}

/** A store's unit of work: rows written at once, bookkeeping held back until commit. */
class ClickHouseUnit implements Store {
  readonly dialect = CLICKHOUSE_DIALECT;
  private readonly held = new Map<string, Row[]>();
  private readonly raw: RawSession;
  private journaled = false;

  constructor(private readonly store: ClickHouseStore) {
    this.raw = { tx: randomUUID(), heads: new Map(), seq: store.seq };
  }
  get path(): string {
    return this.store.path;
  }
  get generation(): number {
    return this.store.generation;
  }
  all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.store.all<T>(sql, params);
  }
  query(sql: string, params?: Params): Promise<QueryResult> {
    return this.store.query(sql, params);
  }
  countRows(tables: string[]): Promise<Record<string, number>> {
    return this.store.countRows(tables);
  }
  recentBounds(table: string, column: string): Promise<Date[]> {
    return this.store.recentBounds(table, column);
  }
  run(sql: string, params?: Params): Promise<number> {
    return this.store.execNow(sql, params).then(() => 0);
  }
  write(table: string, rows: Row[]): Promise<UpsertCounts> {
    return tableDef(table).mode === 'append' ? this.append(table, rows) : this.upsert(table, rows);
  }
  async append(table: string, rows: Row[]): Promise<UpsertCounts> {
    const t = tableDef(table);
    if (t.mode !== 'append') throw new ShiplogError('store_failure', `${table} is an upsert table: write it with upsert()`);
    try {
      return { new: await appendRows(this.store.ctx, t, rows), updated: 0, unchanged: 0 };
    } catch (err) {
      throw failure(this.path, err, `INSERT INTO ${table}`);
    }
  }
  async upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    const t = tableDef(table);
    if (t.mode !== 'upsert') throw new ShiplogError('store_failure', `${table} is append-only: write it with append()`);
    if (DEFERRED.includes(table)) {
      // Counted against what is stored now; written at commit.
      const pending = this.held.get(table) ?? [];
      pending.push(...rows);
      this.held.set(table, pending);
      return (await planUpsert(this.store.ctx, t, rows)).counts;
    }
    try {
      return await upsertRows(this.store.ctx, t, rows);
    } catch (err) {
      throw failure(this.path, err, `upsert into ${table}`);
    }
  }
  async storeRaw(records: RawRow[]): Promise<StoredRaw> {
    const out = await storeRawClickHouse(this.store.ctx, this.raw, records);
    if (out.fresh.length > 0) this.journaled = true;
    return out;
  }
  deleteByRawIds(table: string, rawIds: string[]): Promise<number> {
    return deleteByRaw(this.store.ctx, tableDef(table), rawIds);
  }
  /** A newer version of each answered row, inserted by the engine; counted by that version. */
  async replaceRows(table: string, sql: string, params?: Params): Promise<number> {
    const t = tableDef(table);
    if (t.mode !== 'upsert' || DEFERRED.includes(table)) throw new ShiplogError('store_failure', `${table}: its rows are not replaced by a query`);
    const cols = columnNames(t).map((c) => `"${c}"`).join(', ');
    const version = this.store.ctx.nextVersion();
    const target = `"${versionsTable(t)}"`;
    await this.store.execNow(`INSERT INTO ${target} (${cols}, _version, _deleted) SELECT ${cols}, ${version}, 0 FROM (${sqlVariant(sql, 'clickhouse')}) AS _replacing`, params);
    const a = await this.store.conn.query(`SELECT count() FROM ${target} WHERE _version = ${version}`);
    return Number(a.data[0]?.[0] ?? 0);
  }
  /** A TinyLog table: one stream, read in the order it was written (a LIMIT takes the answer's prefix). */
  async replaceTable(name: string, sql: string, params?: Params): Promise<void> {
    await this.store.execNow(`CREATE OR REPLACE TABLE "${plainName(name)}" ENGINE = TinyLog AS ${sqlVariant(sql, 'clickhouse')}`, params);
  }
  async appendToTable(name: string, sql: string, params?: Params): Promise<void> {
    await this.store.execNow(`INSERT INTO "${plainName(name)}" ${sqlVariant(sql, 'clickhouse')}`, params);
  }
  async remove(table: string, where: string, params?: Params): Promise<number> {
    const text = this.store.prepare(where, params);
    try {
      return await removeWhere(this.store.ctx, tableDef(table), text);
    } catch (err) {
      throw failure(this.path, err, `DELETE FROM ${table} WHERE ${text}`);
    }
  }
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return fn(this);
  }
  readOnlyQuery(): never {
    throw new Error('readOnlyQuery is not available inside a transaction');
  }
  async close(): Promise<void> {}

  async commit(): Promise<void> {
    const ctx = this.store.ctx;
    if (this.raw.heads.size > 0) {
      await upsertRows(ctx, tableDef('raw_heads'), [...this.raw.heads.values()]);
      await upsertRows(ctx, tableDef('raw_seq_state'), [{ id: 1, seq: this.raw.seq.next - 1 }]);
    }
    for (const table of DEFERRED) {
      const rows = this.held.get(table);
      if (rows?.length) await upsertRows(ctx, tableDef(table), rows);
    }
    if (this.journaled) await ctx.conn.insert('_shiplog_journal_done', [{ tx: this.raw.tx }]);
  }

  async rollback(): Promise<void> {
    if (this.journaled) await recoverJournal(this.store.ctx, this.raw.tx);
  }
}

export { selectRows };

/** A table name made by code (a rollup's): a plain identifier, refused otherwise. */
function plainName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShiplogError('store_failure', `table name ${JSON.stringify(name)} is not a plain name`);
  return name;
}
