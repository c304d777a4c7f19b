// The store contract every engine implements (DuckDB today). Callers see plain JS
// values (Date, number, string, boolean, null, arrays) and table-shaped rows whose
// field names are the public column names; no engine types leak past the driver.

export type Value = string | number | boolean | Date | null | string[] | number[];
export type Row = Record<string, unknown>;
export type Params = unknown[];

export interface UpsertCounts {
  new: number;
  updated: number;
  unchanged: number;
}

/** A fetched item as the archive stores it (seq is assigned by the store). */
export interface RawRow {
  raw_id: string;
  source: string;
  scope: string;
  kind: string;
  key: string;
  fetched_at: Date;
  url: string | null;
  payload: string;
  content_hash: string;
}

/** What storeRaw did: the raw ids whose rows must now be written, and the versions they replace. */
export interface StoredRaw {
  fresh: string[];
  superseded: string[];
}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Row[];
}

/**
 * Longest read-only query text. The DuckDB gate parses and walks its syntax tree in
 * JavaScript, on the event loop: 64 KiB of SQL is ~3 MB of tree JSON (~50 ms); 1 MiB was ~1 s.
 */
export const MAX_SQL_BYTES = 64 * 1024;

export interface ReadOnlyOptions {
  /** Rows returned at most. */
  limit: number;
  /** One timeout for the gate and the query together. */
  timeoutMs: number;
  /** Approximate bytes of the answer (as JSON) at most; rows past it are cut. */
  maxBytes?: number;
}

/**
 * The few expressions each engine spells its own way, for SQL that code builds (the table
 * list and explore queries of the API); SQL in .sql files has a per-engine file instead.
 * `values` is a placeholder ($n) of a text[] parameter.
 */
export interface SqlDialect {
  /** True when list column `list` has an element in `values`. */
  listHasAny(list: string, values: string): string;
  /** True when `expr`, as text, is one of `values`. */
  inList(expr: string, values: string): string;
}

export interface Store {
  readonly path: string;
  /** How this engine spells the expressions of SqlDialect. */
  readonly dialect: SqlDialect;
  /**
   * Data generation: grows after every write that may have changed data (a committed or
   * rolled-back transaction, a run() outside one). Equal generations mean the data this
   * process wrote has not changed in between, so answers computed from it may be reused.
   */
  readonly generation: number;
  /** Rows of a query, values converted to plain JS. */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Rows plus column names and engine types (for the SQL console and exports). */
  query(sql: string, params?: Params): Promise<QueryResult>;
  /** Rows in each named table, by name (what status shows); an engine may answer from what it keeps. */
  countRows(tables: string[]): Promise<Record<string, number>>;
  /**
   * Times, newest first, from which the newest rows of `table` by `column` can be read
   * without reading the whole table (a ClickHouse table partitioned by the month of
   * `column`: the starts of its newest months); empty when the engine has none. A newest-
   * first list that fills its page from rows at or after one of them has its answer.
   */
  recentBounds(table: string, column: string): Promise<Date[]>;
  /** Runs a statement; answers the rows it changed where the engine knows (DuckDB), else 0. */
  run(sql: string, params?: Params): Promise<number>;
  /** Runs fn inside BEGIN/COMMIT; ROLLBACK on error. Transactions are serialised. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Writes rows by the table's catalogue write mode (src/model/catalogue): append tables
   * take the rows as new facts, upsert tables keep one row per key. Refuses a column the
   * catalogue does not declare, naming table and column.
   */
  write(table: string, rows: Row[]): Promise<UpsertCounts>;
  /** Upsert table: one row per key, probing only the batch's keys; counts new / updated / unchanged. */
  upsert(table: string, rows: Row[]): Promise<UpsertCounts>;
  /** Append table: rows inserted without reading the table (all counted new). */
  append(table: string, rows: Row[]): Promise<UpsertCounts>;
  /**
   * Raw first: archives the records whose version of their item is new (identical content
   * is stored once) and makes each the item's current version. Returns those raw ids and
   * the raw ids of the versions they replaced, whose rows the caller removes.
   */
  storeRaw(records: RawRow[]): Promise<StoredRaw>;
  /** Deletes the rows of `table` that came from the given raw records. */
  deleteByRawIds(table: string, rawIds: string[]): Promise<number>;
  /**
   * Deletes the rows of `table` matching `where` (SQL over the table's columns, unqualified);
   * answers how many. The engine-neutral removal: an upsert table on ClickHouse is a view
   * over versions, so DELETE FROM it is not a statement callers can write themselves.
   */
  remove(table: string, where: string, params?: Params): Promise<number>;
  /**
   * Replaces stored rows of upsert table `table`, whole, by the rows `sql` answers (every
   * column of the table, by name; only keys already stored), inside the engine: no version
   * rule and no kept derived value, the query is the truth for its keys. Answers how many
   * rows it wrote. For derive steps that recompute many rows: a round trip through
   * JavaScript cost 15× DuckDB's UPDATE.
   */
  replaceRows(table: string, sql: string, params?: Params): Promise<number>;
  /**
   * (Re)creates table `name`, outside the catalogue, as the answer of `sql`, keeping the
   * answer's row order for readers that take a prefix: the rollups. Each engine writes its
   * own DDL (DuckDB `CREATE OR REPLACE TABLE … AS`; ClickHouse a TinyLog table).
   */
  replaceTable(name: string, sql: string, params?: Params): Promise<void>;
  /**
   * Adds the answer of `sql` to a table `replaceTable` made, after its rows: a rollup too large
   * for one query is built in slices, the first by replaceTable and the others by this.
   */
  appendToTable(name: string, sql: string, params?: Params): Promise<void>;
  /** Runs a read-only query on its own connection, interrupted after timeoutMs, cut at limit rows or maxBytes. */
  readOnlyQuery(sql: string, opts: ReadOnlyOptions): Promise<QueryResult & { truncated: boolean; truncatedBy?: 'rows' | 'bytes' }>;
  close(): Promise<void>;
}
