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
import { INSERT_ONLY_TABLES, keyColumns } from '../tables.ts';
import type { Params, QueryResult, ReadOnlyOptions, Row, Store, UpsertCounts } from '../types.ts';
import { readBounded } from './bounded-read.ts';
import { refuseReason } from './readonly.ts';
import { appendTyped, fromJS, toParam } from './values.ts';

export interface DuckDBOptions {
  path: string;
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
}

const READERS = 4;

class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function readRows(conn: DuckDBConnection, sql: string, params?: Params, maxRows?: number): Promise<QueryResult> {
  const values = params?.map(toParam);
  const reader = maxRows === undefined
    ? await conn.runAndReadAll(sql, values)
    : await conn.streamAndReadUntil(sql, maxRows, values);
  const names = reader.columnNames();
  const types = reader.columnTypes().map(String);
  const rows = reader.getRowObjectsJS().map((r) => fromJS(r) as Row);
  return { columns: names.map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' })), rows };
}

/** Operations on one connection; the writer and the transaction view share this. */
class ConnectionOps {
  private columnTypes = new Map<string, { name: string; type: string }[]>();
  constructor(readonly conn: DuckDBConnection) {}

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await readRows(this.conn, sql, params)).rows as T[];
  }

  query(sql: string, params?: Params): Promise<QueryResult> {
    return readRows(this.conn, sql, params);
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params?.map(toParam));
  }

  async tableColumns(table: string): Promise<{ name: string; type: string }[]> {
    let cols = this.columnTypes.get(table);
    if (!cols) {
      const r = await readRows(this.conn, `DESCRIBE "${table}"`);
      cols = r.rows.map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
      this.columnTypes.set(table, cols);
    }
    return cols;
  }

  forgetColumns(): void {
    this.columnTypes.clear();
  }

  async append(table: string, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const cols = await this.tableColumns(table);
    const ap = await this.conn.createAppender(table);
    try {
      for (const r of rows) {
        for (const c of cols) appendTyped(ap, c.type, r[c.name], `${table}.${c.name}`);
        ap.endRow();
      }
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
  }

  async upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    const keys = keyColumns(table);
    if (rows.length === 0) return { new: 0, updated: 0, unchanged: 0 };
    const byKey = new Map<string, Row>();
    const firstWins = INSERT_ONLY_TABLES.has(table);
    for (const r of rows) {
      const k = keys.map((c) => String(r[c])).join('\u0000');
      if (!firstWins || !byKey.has(k)) byKey.set(k, r);
    }
    const cols = await this.tableColumns(table);
    const stage = `_stage_${table}`;
    await this.conn.run(`CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT * FROM "${table}" LIMIT 0`);
    await this.conn.run(`DELETE FROM ${stage}`);
    const ap = await this.conn.createAppender(stage, null, 'temp');
    try {
      for (const r of byKey.values()) {
        for (const c of cols) appendTyped(ap, c.type, r[c.name], `${table}.${c.name}`);
        ap.endRow();
      }
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
    const using = keys.map((k) => `"${k}"`).join(', ');
    const on = keys.map((k) => `t."${k}" = s."${k}"`).join(' AND ');
    const [counts] = await this.all<{ new: number; updated: number }>(
      `SELECT count(*) FILTER (WHERE t."${keys[0]}" IS NULL) AS new,
              count(*) FILTER (WHERE t."${keys[0]}" IS NOT NULL AND t IS DISTINCT FROM s) AS updated
         FROM ${stage} s LEFT JOIN "${table}" t USING (${using})`,
    );
    if (INSERT_ONLY_TABLES.has(table)) {
      counts.updated = 0;
    } else if (counts.updated > 0) {
      await this.conn.run(`DELETE FROM "${table}" t USING ${stage} s WHERE ${on} AND t IS DISTINCT FROM s`);
    }
    if (counts.new + counts.updated > 0) {
      await this.conn.run(`INSERT INTO "${table}" SELECT s.* FROM ${stage} s ANTI JOIN "${table}" t USING (${using})`);
    }
    return { new: counts.new, updated: counts.updated, unchanged: byKey.size - counts.new - counts.updated };
  }
}

export class DuckDBStore implements Store {
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
    this.writer = new ConnectionOps(writer);
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
    config.lock_configuration = 'true'; // last: every setting above is applied before the lock
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(opts.path, config);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(msg)) {
        throw new ShiplogError(
          'conflict',
          `${opts.path}: the database is in use by another process (is \`shiplog serve\` running with another --db URL?)`,
          { cause: err },
        );
      }
      throw new ShiplogError('store_failure', `${opts.path}: cannot open the database: ${msg}`, { cause: err });
    }
    const writer = await instance.connect();
    // A few reader connections: DuckDB runs queries of different connections in
    // parallel, so concurrent API requests do not queue behind one slow query.
    const readers: ConnectionOps[] = [];
    for (let i = 0; i < READERS; i++) readers.push(new ConnectionOps(await instance.connect()));
    return new DuckDBStore(opts.path, instance, writer, readers);
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

  query(sql: string, params?: Params): Promise<QueryResult> {
    return this.reading(this.nextReader().query(sql, params));
  }

  run(sql: string, params?: Params): Promise<void> {
    return this.queue.run(() => this.writer.run(sql, params).finally(() => void this.writes++));
  }

  upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.transaction((tx) => tx.upsert(table, rows));
  }

  append(table: string, rows: Row[]): Promise<void> {
    return this.transaction((tx) => tx.append(table, rows));
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const tx = new TransactionView(this.path, this.writer, this);
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await this.writer.run('COMMIT');
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
  query(sql: string, params?: Params): Promise<QueryResult> {
    return this.ops.query(sql, params);
  }
  run(sql: string, params?: Params): Promise<void> {
    return this.ops.run(sql, params);
  }
  upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    return this.ops.upsert(table, rows);
  }
  append(table: string, rows: Row[]): Promise<void> {
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
