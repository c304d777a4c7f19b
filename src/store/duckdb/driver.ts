// DuckDB implementation of the Store: one instance per file, one writer connection
// (transactions serialised through a queue) and separate reader connections, so the
// server can answer queries while a sync writes. Extension autoinstall/autoload are off:
// there is no network, and read-only SQL must not be able to load code. The instance has
// no file or network access beyond its own database file, WAL and spill directory
// (enable_external_access off, configuration locked so SQL cannot turn it back on):
// nothing shiplog writes goes through DuckDB's file readers, and that is what makes
// read-only SQL unable to read files whatever the syntax-tree gate misses.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { describeError, ShiplogError } from '../../lib/errors.ts';
import { describeSqlError } from './sql-error.ts';
import type { Params, QueryResult, RawRow, ReadOnlyOptions, Row, SqlDialect, Store, StoredRaw, UpsertCounts } from '../types.ts';
import { readBounded } from './bounded-read.ts';
import { lockHolderPid } from './lock.ts';
import { refuseReason } from './readonly.ts';
import { ConnectionOps } from './connection.ts';
import { countEach } from '../count-rows.ts';
import { checkpointLimit, sizeBytes } from './checkpoints.ts';
import { statSync } from 'node:fs';

export interface DuckDBOptions {
  path: string;
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
  /**
   * DuckDB's checkpoint_threshold: the WAL size at which a commit checkpoints. Unset: shiplog
   * checkpoints itself at a size that grows with the file (checkpoints.ts).
   */
  checkpointThreshold?: string;
}

/** Larger than any log: with it, DuckDB leaves the checkpoints to shiplog. */
const NO_AUTOMATIC_CHECKPOINT = '1TB';

const READERS = 4;

export const DUCKDB_DIALECT: SqlDialect = {
  listHasAny: (list, values) => `list_has_any(${list}::VARCHAR[], ${values}::VARCHAR[])`,
  inList: (expr, values) => `${expr}::VARCHAR IN (SELECT unnest(${values}::VARCHAR[]))`,
};

class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** The DuckDB file format of new stores (the pinned DuckDB's release line). */
export const STORAGE_VERSION = 'v1.5.0';

export class DuckDBStore implements Store {
  readonly dialect = DUCKDB_DIALECT;
  private readonly writer: ConnectionOps;
  private readonly queue = new Queue();
  private closed = false;
  private writes = 0;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    writer: DuckDBConnection,
    private readonly readers: ConnectionOps[],
  ) {
    this.writer = new ConnectionOps(writer, path);
  }

  static async open(opts: DuckDBOptions): Promise<DuckDBStore> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'false',
    };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    if (opts.threads) config.threads = String(opts.threads);
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    // Memory DuckDB frees goes back to the system soon (a background thread, and a flush once a
    // thread holds 32 MB freed) instead of staying in the allocator's caches: with DuckDB's
    // defaults an import of operations/mediawiki-config peaked 300 MB higher (1.18 GB against 0.87).
    config.allocator_background_threads = 'true';
    config.allocator_flush_threshold = '32MB';
    const ownCheckpoints = !opts.checkpointThreshold && !opts.readOnly && opts.path !== ':memory:';
    config.checkpoint_threshold = ownCheckpoints ? NO_AUTOMATIC_CHECKPOINT : opts.checkpointThreshold ?? '16MB';
    // No vacuum. Each checkpoint starts the appends that follow in a new row group, and DuckDB's
    // vacuum merges those small row groups again later, in bursts that rewrite gigabytes of the
    // raw archive: at 100M results one checkpoint wrote 14–20 GB, and an ingest wrote 2.4–3.2 KB
    // a result against ~1 KB without it (docs/scale.md). What is given up: merging small row
    // groups, and the space of rows deleted here and there (a row group whose rows were all
    // deleted still goes). src/store/duckdb/vacuum.test.ts shows both.
    config.max_vacuum_tasks = '0';
    // A new database file in the format of DuckDB 1.5 rather than DuckDB's default, the 0.10
    // format older readers can open. Only the newer formats compress with ZSTD: the raw
    // archive's payloads (JUnit XML, JSON) took 251 bytes a result at 98.9M results stored
    // uncompressed; with ZSTD the whole archive took 12.3 (docs/scale.md). A file made before keeps its
    // format; `shiplog migrate --to duckdb --to-db NEW` copies it into the new one.
    config.storage_compatibility_version = STORAGE_VERSION;
    config.lock_configuration = 'true'; // last: every setting above is applied before the lock
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(opts.path, config);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(msg)) {
        const pid = lockHolderPid(msg);
        throw new ShiplogError(
          'conflict',
          `${opts.path}: the database is in use by ${pid ? `process ${pid}` : 'another process'} (is \`shiplog serve\` running with another --db URL?)`,
          { cause: err },
        );
      }
      throw new ShiplogError('store_failure', `${opts.path}: cannot open the database: ${msg}`, { cause: err });
    }
    const writer = await instance.connect();
    // A few reader connections: DuckDB runs queries of different connections in
    // parallel, so concurrent API requests do not queue behind one slow query.
    const readers: ConnectionOps[] = [];
    for (let i = 0; i < READERS; i++) readers.push(new ConnectionOps(await instance.connect(), opts.path));
    const store = new DuckDBStore(opts.path, instance, writer, readers);
    if (ownCheckpoints) store.memoryLimitBytes = sizeBytes(opts.memoryLimit) ?? null;
    return store;
  }

  /** Set when shiplog checkpoints itself: the memory limit that bounds the log (null: none given). */
  private memoryLimitBytes: number | null | undefined;

  /** After a write: a checkpoint once the log has passed the size for this file (checkpoints.ts). */
  private async checkpointIfDue(): Promise<void> {
    if (this.memoryLimitBytes === undefined) return;
    const wal = statSync(`${this.path}.wal`, { throwIfNoEntry: false })?.size ?? 0;
    const file = statSync(this.path, { throwIfNoEntry: false })?.size ?? 0;
    if (wal < checkpointLimit(file, this.memoryLimitBytes ?? undefined)) return;
    try {
      await this.writer.run('CHECKPOINT');
    } catch (err) {
      throw new ShiplogError('store_failure', `${this.path}: the write is committed (in ${this.path}.wal), but the checkpoint after it failed: ${describeError(err)}`, { cause: err });
    }
  }

  /** Bumped after every write settles, committed or not: a conservative data watermark. */
  get generation(): number {
    return this.writes;
  }

  /** Reads in flight: close() waits for them (closing a connection under a query crashes DuckDB). */
  private readonly inflight = new Set<Promise<unknown>>();
  private reading<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const done = () => this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  private turn = 0;
  private nextReader(): ConnectionOps {
    if (this.closed) throw new ShiplogError('store_failure', `${this.path}: the store is closed`);
    this.turn = (this.turn + 1) % this.readers.length;
    return this.readers[this.turn];
  }

  all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.reading(this.nextReader().all<T>(sql, params));
  }

  countRows(tables: string[]): Promise<Record<string, number>> {
    return countEach((sql, params) => this.all(sql, params), tables);
  }

  /** None: DuckDB skips row groups by their min-max of the column as it scans. */
  recentBounds(): Promise<Date[]> {
    return Promise.resolve([]);
  }

  query(sql: string, params?: Params): Promise<QueryResult> {
    return this.reading(this.nextReader().query(sql, params));
  }

  run(sql: string, params?: Params): Promise<number> {
    return this.queue.run(async () => {
      const n = await this.writer.run(sql, params).finally(() => void this.writes++);
      await this.checkpointIfDue();
      return n;
    });
  }

  write(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.write(table, rows));
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

  upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.upsert(table, rows));
  }

  append(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.append(table, rows));
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const tx = new TransactionView(this.path, this.writer, this);
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await this.writer.run('COMMIT');
        await this.checkpointIfDue();
        return out;
      } catch (err) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        this.writer.forgetColumns();
        throw err;
      } finally {
        this.writes++;
      }
    });
  }

  readOnlyQuery(sql: string, opts: ReadOnlyOptions) {
    if (this.closed) throw new ShiplogError('store_failure', `${this.path}: the store is closed`);
    return this.reading(this.readOnlyOnOwnConnection(sql, opts));
  }

  /** The gate and the query on a connection of their own, under one timeout that starts before the gate. */
  private async readOnlyOnOwnConnection(sql: string, opts: ReadOnlyOptions) {
    const conn = await this.instance.connect();
    const started = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
    }, opts.timeoutMs);
    const interrupted = (err: unknown) =>
      new ShiplogError('bad_request', `query interrupted after the ${opts.timeoutMs} ms timeout`, { cause: err });
    try {
      const refused = await refuseReason(conn, sql).catch((err: unknown) => {
        if (timedOut) throw interrupted(err);
        return `SQL does not parse: ${describeError(err)}`;
      });
      if (refused) throw new ShiplogError('bad_request', `refused: ${refused}`);
      if (timedOut) throw interrupted(null); // the time ran out in the gate's own JavaScript
      return await readBounded(conn, sql, { maxRows: opts.limit, maxBytes: opts.maxBytes ?? Number.MAX_SAFE_INTEGER }).catch((err: unknown) => {
        if (timedOut || Date.now() - started >= opts.timeoutMs - 5) throw interrupted(err);
        throw new ShiplogError('bad_request', `SQL error: ${describeSqlError(err instanceof Error ? err.message : String(err), sql)}`, { cause: err });
      });
    } finally {
      clearTimeout(timer);
      conn.closeSync();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.run(async () => undefined);
    await Promise.allSettled([...this.inflight]);
    this.writer.conn.closeSync();
    for (const r of this.readers) r.conn.closeSync();
    this.instance.closeSync();
  }
}

/** The store as seen inside a transaction: everything runs on the writer connection. */
class TransactionView implements Store {
  readonly dialect = DUCKDB_DIALECT;
  constructor(
    readonly path: string,
    private readonly ops: ConnectionOps,
    private readonly parent: { readonly generation: number },
  ) {}
  get generation(): number {
    return this.parent.generation;
  }
  all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.ops.all<T>(sql, params);
  }
  countRows(tables: string[]): Promise<Record<string, number>> {
    return countEach((sql, params) => this.all(sql, params), tables);
  }
  recentBounds(): Promise<Date[]> {
    return Promise.resolve([]);
  }
  query(sql: string, params?: Params): Promise<QueryResult> {
    return this.ops.query(sql, params);
  }
  run(sql: string, params?: Params): Promise<number> {
    return this.ops.run(sql, params);
  }
  write(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.ops.write(table, rows);
  }
  storeRaw(records: RawRow[]): Promise<StoredRaw> {
    return this.ops.storeRaw(records);
  }
  deleteByRawIds(table: string, rawIds: string[]): Promise<number> {
    return this.ops.deleteByRawIds(table, rawIds);
  }
  remove(table: string, where: string, params?: Params): Promise<number> {
    return this.ops.remove(table, where, params);
  }
  replaceTable(name: string, sql: string, params?: Params): Promise<void> {
    return this.ops.replaceTable(name, sql, params);
  }
  appendToTable(name: string, sql: string, params?: Params): Promise<void> {
    return this.ops.appendToTable(name, sql, params);
  }
  replaceRows(table: string, sql: string, params?: Params): Promise<number> {
    return this.ops.replaceRows(table, sql, params);
  }
  upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.ops.upsert(table, rows);
  }
  append(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.ops.append(table, rows);
  }
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return fn(this);
  }
  readOnlyQuery(): never {
    throw new Error('readOnlyQuery is not available inside a transaction');
  }
  async close(): Promise<void> {}
}
