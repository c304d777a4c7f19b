// The little a ClickHouse store needs from a connection, whichever way it reaches the
// engine: in process through chdb (chdb.ts) or a server over HTTP (http.ts). Queries
// answer JSONCompact (column names and types, then rows); inserts take JSONEachRow.
export type Settings = Record<string, string | number | boolean>;

export interface Answer {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

export interface ChConn {
  /** Where it is, for messages: the data directory or the server URL (without credentials). */
  readonly where: string;
  /** SELECT-like statements: the answer as JSONCompact. */
  query(sql: string, settings?: Settings): Promise<Answer>;
  /** Statements without an answer (DDL, INSERT … SELECT, DELETE). */
  exec(sql: string, settings?: Settings): Promise<void>;
  /** Rows as objects into `table` (JSONEachRow). */
  insert(table: string, rows: readonly Record<string, unknown>[], settings?: Settings): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every shiplog connection runs with, so shared SQL means what it means in DuckDB
 * and the SQL standard: an outer join fills NULL (not 0 or ''), an aggregate over no rows is
 * NULL (max, sum), NULL IN (…) is NULL (transform_null_in stays 0), times are UTC, 64-bit integers come as JSON
 * numbers. Names unknown to old servers are left out for them (see `settingsFor`).
 */
export const SESSION_SETTINGS: Settings = {
  join_use_nulls: 1,
  aggregate_functions_null_for_empty: 1,
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_denormals: 1,
  date_time_input_format: 'best_effort',
  session_timezone: 'UTC',
  mutations_sync: 2,
  lightweight_deletes_sync: 2,
  allow_nullable_key: 1,
  max_query_size: 64 * 1024 * 1024,
  union_default_mode: 'DISTINCT',
  cast_keep_nullable: 1,
  insert_distributed_sync: 1,
};

/** The settings an 18.x server knows (it refuses a query that names any other). */
const OLD_SERVER_SETTINGS = new Set(['join_use_nulls', 'output_format_json_quote_64bit_integers', 'output_format_json_quote_denormals', 'date_time_input_format', 'max_query_size', 'insert_distributed_sync']);

export function settingsFor(modern: boolean): Settings {
  if (modern) return SESSION_SETTINGS;
  return Object.fromEntries(Object.entries(SESSION_SETTINGS).filter(([k]) => OLD_SERVER_SETTINGS.has(k)));
}
