// The read-only SQL gate in ClickHouse terms, for `shiplog sql` and POST /api/sql. The
// engine half: every query runs with readonly=1 (no writes, no settings changes, no table
// functions), max_execution_time and max_result_rows. The parser half, before anything
// runs (ClickHouse's own parser, EXPLAIN AST): one statement, a SELECT, no SETTINGS, no
// INTO OUTFILE or FORMAT (clickhouse-local, hence chdb, writes OUTFILE even when read-only),
// no table function but generators, no function that reads files, URLs, dictionaries or
// settings, and no table outside the store's database but a few system tables.
// Servers without EXPLAIN AST (before 20.x) get the same checks on the text.
import { ShiplogError } from '../../lib/errors.ts';
import { MAX_SQL_BYTES, type QueryResult, type ReadOnlyOptions, type Row } from '../types.ts';
import type { ChConn } from './conn.ts';
import type { Target } from './ddl.ts';
import { publicType } from './types.ts';
import { codeOnly, readerOf } from './values.ts';

const LEADING = /^\s*([A-Za-z]+)/;
const ALLOWED_LEADING = new Set(['select', 'with']);
const ALLOWED_TABLE_FUNCTIONS = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'generateseries', 'generate_series', 'values', 'null']);
/** Functions that read files, URLs, other servers, dictionaries, settings or the host. */
const DENIED_FUNCTION = /^(file|url|urlcluster|s3|s3cluster|gcs|hdfs|hdfscluster|azureblobstorage.*|remote|remotesecure|cluster|clusterallreplicas|mysql|postgresql|jdbc|odbc|sqlite|mongodb|redis|executable|executablepool|input|merge|dictionary|iceberg.*|deltalake.*|hudi.*|paimon.*|fuzzjson|fuzzquery|loop|view|format|dictget.*|dicthas|dictgethierarchy|dictisin|joinget.*|getsetting.*|getmacro|getserverport|getclienthttpheader|filesystem.*|getosKernelVersion|shardnum|shardcount|currentprofiles|currentroles|enabledroles|defaultroles|showcertificate|getsubcolumn|initialqueryid|queryid|gethttpheader|buildid|uptime|serveruuid|hostname|fqdn|displayname|getmergetreesetting|getsettingordefault)$/i;
const SYSTEM_TABLES = new Set(['one', 'numbers', 'numbers_mt', 'zeros', 'tables', 'columns', 'parts', 'functions', 'table_functions', 'data_type_families']);

interface AstLine { depth: number; kind: string; name: string }

function parseAst(text: string): AstLine[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => {
    const depth = l.length - l.trimStart().length;
    const [kind, name = ''] = l.trim().replace(/\s*\(.*$/, '').split(/\s+/);
    return { depth, kind, name };
  });
}

/** Why the parsed statement may not run, or null. */
export function refuseAst(lines: AstLine[], database: string): string | null {
  if (lines[0]?.kind !== 'SelectWithUnionQuery') return 'only SELECT queries are allowed';
  if (lines.some((l, i) => i > 0 && l.depth <= 1 && l.kind !== 'ExpressionList')) return 'INTO OUTFILE, FORMAT and SETTINGS are not allowed in read-only SQL';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind === 'Set') return 'SETTINGS are not allowed in read-only SQL';
    if (l.kind === 'Function') {
      const parent = [...lines.slice(0, i)].reverse().find((p) => p.depth < l.depth);
      if (parent?.kind === 'TableExpression' && !ALLOWED_TABLE_FUNCTIONS.has(l.name.toLowerCase())) {
        return `table function ${l.name}() is not allowed in read-only SQL (it may read files, URLs or other servers)`;
      }
      if (DENIED_FUNCTION.test(l.name)) return `function ${l.name}() is not allowed in read-only SQL (it reads files, URLs, dictionaries or settings)`;
    }
    if (l.kind === 'TableIdentifier') {
      const parts = l.name.split('.');
      if (parts.length === 2 && parts[0] === 'system' && !SYSTEM_TABLES.has(parts[1])) return `"${l.name}" is not readable from read-only SQL: it shows settings, hosts or other queries`;
      if (parts.length === 2 && parts[0] !== 'system' && parts[0] !== database) return `"${l.name}" is not in this store's database`;
    }
  }
  return null;
}

/** The text-only checks, for servers without EXPLAIN AST. */
function refuseText(code: string): string | null {
  if (/\b(SETTINGS|OUTFILE|FORMAT)\b/i.test(code)) return 'INTO OUTFILE, FORMAT and SETTINGS are not allowed in read-only SQL';
  for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    if (DENIED_FUNCTION.test(m[1])) return `function ${m[1]}() is not allowed in read-only SQL (it reads files, URLs, dictionaries or settings)`;
  }
  for (const m of code.matchAll(/\bsystem\s*\.\s*([A-Za-z_]+)/gi)) {
    if (!SYSTEM_TABLES.has(m[1].toLowerCase())) return `"system.${m[1]}" is not readable from read-only SQL: it shows settings, hosts or other queries`;
  }
  return null;
}

export async function refuseReasonClickHouse(conn: ChConn, sql: string, x: Target): Promise<string | null> {
  const size = Buffer.byteLength(sql);
  if (size > MAX_SQL_BYTES) return `the query is ${size} bytes, more than ${MAX_SQL_BYTES}`;
  const code = codeOnly(sql);
  const leading = LEADING.exec(code)?.[1]?.toLowerCase();
  if (!leading) return 'empty query';
  // One statement: a `;` only at the very end (chdb would run every statement of a script).
  if (code.trimEnd().replace(/;+$/, '').includes(';')) return 'exactly one statement is allowed';
  if (sql.includes('$$')) return 'heredoc strings ($$) are not allowed in read-only SQL';
  if (!ALLOWED_LEADING.has(leading)) return `${leading.toUpperCase()} statements are not allowed: only SELECT queries are`;
  if (!x.flavour.modern || x.flavour.version[0] < 20) return refuseText(code);
  let ast: string;
  try {
    const a = await conn.query(`EXPLAIN AST ${sql.trim().replace(/;\s*$/, '')}`);
    ast = a.data.map((r) => String(r[0])).join('\n');
  } catch (err) {
    return `SQL does not parse: ${(err as Error).message.split('\n')[0].replace(/^Code: \d+\. DB::Exception: /, '').replace(/\s*\(\w+\)\s*(\(version.*)?$/, '')}`;
  }
  return refuseAst(parseAst(ast), x.database);
}

function approxBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'string') return v.length + 2;
  if (v instanceof Date) return 26;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + approxBytes(x) + 1, 2);
  if (typeof v === 'object') return JSON.stringify(v).length;
  return 8;
}

export async function readOnlyClickHouse(conn: ChConn, sql: string, opts: ReadOnlyOptions, x: Target): Promise<QueryResult & { truncated: boolean; truncatedBy?: 'rows' | 'bytes' }> {
  const started = Date.now();
  const refused = await refuseReasonClickHouse(conn, sql, x);
  if (refused) throw new ShiplogError('bad_request', `refused: ${refused}`);
  const left = Math.max(1, opts.timeoutMs - (Date.now() - started));
  const settings = {
    readonly: 1, max_execution_time: Math.max(1, Math.ceil(left / 1000)), max_result_rows: opts.limit + 1,
    result_overflow_mode: 'break', ...(opts.maxBytes ? { max_result_bytes: opts.maxBytes * 2 } : {}),
  };
  let answer;
  try {
    answer = await conn.query(sql.trim().replace(/;\s*$/, ''), x.flavour.modern ? settings : { readonly: 1, max_execution_time: settings.max_execution_time });
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0];
    if (/TIMEOUT_EXCEEDED|Timeout exceeded/i.test(msg) || Date.now() - started >= opts.timeoutMs) {
      throw new ShiplogError('bad_request', `query interrupted after the ${opts.timeoutMs} ms timeout`, { cause: err });
    }
    throw new ShiplogError('bad_request', `SQL error: ${msg.replace(/^Code: \d+\. DB::Exception: /, '')}`, { cause: err });
  }
  const readers = answer.meta.map((m) => readerOf(m.type));
  const rows: Row[] = [];
  const columns = answer.meta.map((m) => ({ name: m.name, type: publicType(m.type) }));
  let bytes = 0;
  for (const d of answer.data) {
    if (rows.length >= opts.limit) return { columns, rows, truncated: true, truncatedBy: 'rows' };
    const o: Row = {};
    let size = 2;
    answer.meta.forEach((m, i) => {
      o[m.name] = readers[i](d[i]);
      size += m.name.length + 4 + approxBytes(o[m.name]);
    });
    if (opts.maxBytes !== undefined && bytes + size > opts.maxBytes) return { columns, rows, truncated: true, truncatedBy: 'bytes' };
    bytes += size;
    rows.push(o);
  }
  return { columns, rows, truncated: false };
}
