// The read-only SQL gate for `shiplog sql` and POST /api/sql: the syntax-tree half of the
// defence (the other half is the engine: the instance runs with enable_external_access
// off and its configuration locked, see driver.ts). Checks, before anything runs: one
// statement; it parses (json_serialize_sql only parses) as a SELECT; every function is
// allowed; and every name in FROM is a table or view of this database, a CTE in scope, or
// a system view whose own definition passes this gate (pg_settings, duckdb_databases do
// not). Anything else — a quoted path with an extension, a glob, a table function called
// without parentheses — is refused with the reason.
import type { DuckDBConnection } from '@duckdb/node-api';
import { describeSqlError } from './sql-error.ts';
import { MAX_SQL_BYTES } from '../types.ts';

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

/** Table functions a read-only query may use: generators and catalog views without paths. */
const ALLOWED_TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'json_each', 'json_tree',
  'duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_functions', 'duckdb_types',
  'duckdb_schemas', 'duckdb_constraints', 'duckdb_indexes', 'pragma_table_info', 'pragma_show',
]);

/** Scalar or table functions that touch files, URLs, the environment or settings. */
const DENIED_FUNCTION = /^(read_|glob$|.*_scan$|parquet_|sniff_csv|query$|query_table$|iceberg_|delta_|getenv$|current_setting$|getvariable$|load$|install$|sqlite_|postgres_|mysql_|http|write_|export_|copy_|duckdb_secrets$|duckdb_settings$|duckdb_extensions$|which_secret$|json_execute_serialized_sql$)/i;

/** SHOW TABLES and SHOW ALL TABLES parse as these SHOW_REF names. */
const SHOW_LISTS = new Set(['tables', '__show_tables_expanded']);

interface Relation { catalog: string; schema: string; name: string; internal: boolean; sql: string | null }
interface Tree { error: boolean; error_message?: string; statements?: unknown[] }
type Node = Record<string, unknown>;

/** Verdicts on system view definitions, by their SQL text (fixed for a DuckDB build). */
const viewVerdicts = new Map<string, string | null>();

async function serialize(conn: DuckDBConnection, sql: string): Promise<Tree> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS j', [sql]);
  return JSON.parse(String(reader.getRowObjectsJS()[0].j)) as Tree;
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1').replaceAll('""', '"');

interface RelationRef { catalog: string; schema: string; name: string }

/**
 * One synchronous pass over a statement tree (a big query must not hold the event loop
 * through a chain of awaits): the first refused function, or every name in FROM that is
 * not a CTE in scope, for resolving against the catalog afterwards.
 */
function walkTree(root: unknown): { refused: string | null; relations: RelationRef[] } {
  const relations: RelationRef[] = [];
  const stack: { node: unknown; scope: ReadonlySet<string> }[] = [{ node: root, scope: new Set() }];
  while (stack.length > 0) {
    const { node, scope } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], scope });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as Node;
    const ctes = (n.cte_map as { map?: { key: string }[] } | undefined)?.map;
    const inner = ctes?.length ? new Set([...scope, ...ctes.map((c) => c.key.toLowerCase())]) : scope;
    if (n.type === 'TABLE_FUNCTION') {
      const fn = (n.function as { function_name?: string } | undefined)?.function_name ?? '';
      if (DENIED_FUNCTION.test(fn) || !ALLOWED_TABLE_FUNCTIONS.has(fn.toLowerCase())) {
        return { refused: `table function ${fn}() is not allowed in read-only SQL (it may read files, URLs or settings)`, relations };
      }
    }
    if (n.class === 'FUNCTION' && typeof n.function_name === 'string' && DENIED_FUNCTION.test(n.function_name)) {
      return { refused: `function ${n.function_name}() is not allowed in read-only SQL (it reads files, URLs or settings)`, relations };
    }
    if (n.type === 'BASE_TABLE') {
      const [catalog, schema, name] = [n.catalog_name, n.schema_name, n.table_name].map((p) => (typeof p === 'string' ? p : ''));
      if (catalog || schema || !inner.has(name.toLowerCase())) relations.push({ catalog, schema, name });
    }
    if (n.type === 'SHOW_REF' && typeof n.table_name === 'string' && n.table_name !== '') {
      const name = unquote(n.table_name);
      const [catalog, schema] = [String(n.catalog_name ?? ''), String(n.schema_name ?? '')];
      if (!SHOW_LISTS.has(name.toLowerCase()) && (catalog || schema || !inner.has(name.toLowerCase()))) relations.push({ catalog, schema, name });
    }
    const values = Object.values(n);
    for (let i = values.length - 1; i >= 0; i--) if (values[i] && typeof values[i] === 'object') stack.push({ node: values[i], scope: inner });
  }
  return { refused: null, relations };
}

class Gate {
  private relations?: Relation[];
  constructor(private readonly conn: DuckDBConnection) {}

  private async catalog(): Promise<Relation[]> {
    if (!this.relations) {
      const reader = await this.conn.runAndReadAll(
        `SELECT database_name AS catalog, schema_name AS schema, table_name AS name, internal, NULL AS sql FROM duckdb_tables()
         UNION ALL SELECT database_name, schema_name, view_name, internal, sql FROM duckdb_views()`,
      );
      this.relations = reader.getRowObjectsJS().map((r) => ({
        catalog: String(r.catalog).toLowerCase(), schema: String(r.schema).toLowerCase(), name: String(r.name).toLowerCase(),
        internal: Boolean(r.internal), sql: r.sql === null ? null : String(r.sql),
      }));
    }
    return this.relations;
  }

  /** Why the statement tree may not run, or null. `depth` counts system views entered. */
  async check(tree: unknown, depth: number): Promise<string | null> {
    const { refused, relations } = walkTree(tree);
    if (refused) return refused;
    const seen = new Set<string>();
    for (const r of relations) {
      const key = `${r.catalog}.${r.schema}.${r.name}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const why = await this.checkRelation(r, depth);
      if (why) return why;
    }
    return null;
  }

  private async checkRelation({ catalog, schema, name }: RelationRef, depth: number): Promise<string | null> {
    const full = [catalog, schema, name].filter(Boolean).join('.');
    if (/[^A-Za-z0-9_$]/.test(full.replaceAll('.', ''))) {
      return `"${full}" looks like a file or URL: reading files is not allowed in read-only SQL`;
    }
    const [c, s, t] = [catalog.toLowerCase(), schema.toLowerCase(), name.toLowerCase()];
    const found = (await this.catalog()).filter((r) => r.name === t && (!s || r.schema === s) && (!c || r.catalog === c));
    if (found.length === 0) {
      return `"${full}" is not a table or view of this database (files, URLs and table functions without parentheses are not readable from read-only SQL)`;
    }
    for (const r of found) {
      if (!r.internal || r.sql === null) continue;
      const why = await this.checkView(r.sql, depth);
      if (why) return `"${full}" is not readable from read-only SQL: it shows settings, paths or files (${why})`;
    }
    return null;
  }

  /** A system view is readable when its own definition passes the gate. */
  private async checkView(sql: string, depth: number): Promise<string | null> {
    const cached = viewVerdicts.get(sql);
    if (cached !== undefined) return cached;
    let verdict: string | null;
    const body = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+[\s\S]*?\s+AS\s+([\s\S]*?);?\s*$/i.exec(sql)?.[1];
    if (!body || depth > 4) {
      verdict = 'its definition could not be checked';
    } else {
      const tree = await serialize(this.conn, body);
      verdict = tree.error ? 'its definition could not be checked' : await this.check(tree.statements, depth + 1);
    }
    viewVerdicts.set(sql, verdict);
    return verdict;
  }
}

/** Why `sql` may not run as read-only SQL, or null when it may. Parses only. */
export async function refuseReason(conn: DuckDBConnection, sql: string): Promise<string | null> {
  const size = Buffer.byteLength(sql);
  if (size > MAX_SQL_BYTES) return `the query is ${size} bytes, more than ${MAX_SQL_BYTES}`;
  const leading = LEADING.exec(sql)?.[1]?.toLowerCase();
  if (!leading) return 'empty query';
  if (NAMED_REFUSALS[leading]) return `${NAMED_REFUSALS[leading]}: only SELECT queries are allowed`;
  let count: number;
  try {
    count = (await conn.extractStatements(sql)).count;
  } catch (err) {
    return `SQL does not parse: ${describeSqlError((err as Error).message, sql)}`; // a typo (SELEC) is named as one
  }
  if (!ALLOWED_LEADING.has(leading)) return `${leading.toUpperCase()} statements are not allowed: only SELECT queries are`;
  if (count !== 1) return `exactly one statement is allowed (found ${count})`;
  const tree = await serialize(conn, sql);
  if (tree.error) return `only SELECT queries are allowed (${tree.error_message ?? 'not a SELECT'})`;
  return new Gate(conn).check(tree.statements, 0);
}
