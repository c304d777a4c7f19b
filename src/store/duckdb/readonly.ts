// The read-only SQL gate for `shiplog sql` and POST /api/sql. Three checks, all before
// anything is bound or run: exactly one statement; it parses (json_serialize_sql, which
// only parses) as a SELECT; and its syntax tree names no function that reads files or
// URLs, no file/URL in FROM (DuckDB's replacement scans), and no table function outside
// a small allow-list. DDL, DML, COPY, ATTACH, INSTALL/LOAD, SET and PRAGMA never parse
// as SELECT, so they are refused with the statement kind named.
import type { DuckDBConnection } from '@duckdb/node-api';

const LEADING = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*([A-Za-z]+)/;
const ALLOWED_LEADING = new Set(['select', 'with', 'from', 'values', 'table', 'describe', 'show', 'summarize']);
const NAMED_REFUSALS: Record<string, string> = {
  copy: 'COPY reads or writes files',
  attach: 'ATTACH opens another database',
  detach: 'DETACH changes the attached databases',
  install: 'INSTALL adds extensions',
  load: 'LOAD loads extensions',
  force: 'FORCE INSTALL adds extensions',
  set: 'SET changes settings',
  reset: 'RESET changes settings',
  pragma: 'PRAGMA changes or reads settings',
  call: 'CALL runs table functions outside a query',
  export: 'EXPORT DATABASE writes files',
  import: 'IMPORT DATABASE reads files',
  create: 'CREATE is DDL',
  drop: 'DROP is DDL',
  alter: 'ALTER is DDL',
  insert: 'INSERT changes data',
  update: 'UPDATE changes data',
  delete: 'DELETE changes data',
  merge: 'MERGE changes data',
  truncate: 'TRUNCATE changes data',
  checkpoint: 'CHECKPOINT writes the database',
  vacuum: 'VACUUM writes the database',
  begin: 'transactions are not needed for reading',
  commit: 'transactions are not needed for reading',
  rollback: 'transactions are not needed for reading',
  use: 'USE changes the session',
  prepare: 'PREPARE/EXECUTE are not allowed',
  execute: 'PREPARE/EXECUTE are not allowed',
};

/** Table functions a read-only query may use: generators and catalog views. */
const ALLOWED_TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'json_each', 'json_tree',
  'duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_functions', 'duckdb_types',
  'duckdb_schemas', 'duckdb_constraints', 'duckdb_indexes', 'pragma_table_info', 'pragma_show',
]);

/** Scalar or table functions that touch files, URLs, the environment or settings. */
const DENIED_FUNCTION = /^(read_|glob$|.*_scan$|parquet_|sniff_csv|query$|query_table$|iceberg_|delta_|getenv$|current_setting$|load$|install$|sqlite_|postgres_|mysql_|http|write_|export_|copy_|duckdb_secrets$|duckdb_settings$|duckdb_extensions$|which_secret$)/i;

function walk(node: unknown, visit: (n: Record<string, unknown>) => string | null): string | null {
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = walk(x, visit);
      if (r) return r;
    }
    return null;
  }
  if (node && typeof node === 'object') {
    const r = visit(node as Record<string, unknown>);
    if (r) return r;
    for (const v of Object.values(node)) {
      const rr = walk(v, visit);
      if (rr) return rr;
    }
  }
  return null;
}

function checkTree(tree: unknown): string | null {
  return walk(tree, (n) => {
    if (n.type === 'TABLE_FUNCTION') {
      const fn = (n.function as { function_name?: string } | undefined)?.function_name ?? '';
      if (DENIED_FUNCTION.test(fn) || !ALLOWED_TABLE_FUNCTIONS.has(fn.toLowerCase())) {
        return `table function ${fn}() is not allowed in read-only SQL (it may read files or URLs)`;
      }
    }
    if (n.class === 'FUNCTION' && typeof n.function_name === 'string' && DENIED_FUNCTION.test(n.function_name)) {
      return `function ${n.function_name}() is not allowed in read-only SQL (it reads files, URLs or settings)`;
    }
    if (n.type === 'BASE_TABLE' && typeof n.table_name === 'string' && !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(n.table_name)) {
      return `"${n.table_name}" looks like a file or URL: reading files is not allowed in read-only SQL`;
    }
    return null;
  });
}

/** Why `sql` may not run as read-only SQL, or null when it may. Parses only. */
export async function refuseReason(conn: DuckDBConnection, sql: string): Promise<string | null> {
  const leading = LEADING.exec(sql)?.[1]?.toLowerCase();
  if (!leading) return 'empty query';
  if (NAMED_REFUSALS[leading]) return `${NAMED_REFUSALS[leading]}: only SELECT queries are allowed`;
  if (!ALLOWED_LEADING.has(leading)) return `${leading.toUpperCase()} statements are not allowed: only SELECT queries are`;
  let count: number;
  try {
    count = (await conn.extractStatements(sql)).count;
  } catch (err) {
    return `SQL does not parse: ${(err as Error).message.split('\n')[0]}`;
  }
  if (count !== 1) return `exactly one statement is allowed (found ${count})`;
  if (['describe', 'show', 'summarize', 'table'].includes(leading)) {
    const rest = sql.replace(LEADING, '').replace(/;\s*$/, '').trim();
    if (rest === '' || /^(tables|all\s+tables)$/i.test(rest) || /^[A-Za-z_][A-Za-z0-9_]*$/.test(rest)) return null;
    return `${leading.toUpperCase()} takes a table name here, not "${rest.slice(0, 60)}"`;
  }
  const body = sql;
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS j', [body]);
  const tree = JSON.parse(String(reader.getRowObjectsJS()[0].j)) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (tree.error) return `only SELECT queries are allowed (${tree.error_message ?? 'not a SELECT'})`;
  return checkTree(tree.statements);
}
