// Reads one user data file (CSV, JSON lines, Parquet) with DuckDB's own readers
// (read_csv, read_json, read_parquet) in a private in-memory instance that may open that
// one file and nothing else (allowed_paths, then external access off and the
// configuration locked; extension autoload off — the three readers are built in). The
// store's own instance never reads files. Answers each column with the type the reader
// inferred and the type it is stored as, the rows as text (NULL kept), and the rows the
// reader or a cast refused, with the reason.
import { DuckDBInstance } from '@duckdb/node-api';
import { ShiplogError } from '../../lib/errors.ts';
import { ident, loadSql } from '../../lib/sql.ts';

export type DatasetFormat = 'csv' | 'jsonl' | 'parquet';

export interface DatasetColumn {
  name: string;
  /** As stored in dataset_<name>: BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP or VARCHAR. */
  type: string;
  /** As the reader inferred it (INTEGER, DECIMAL(4,1), STRUCT(…), JSON, …). */
  inferred: string;
}

export interface FileReject {
  /** `line N` (CSV, JSON lines: the file's line) or `row N` (the Nth row read). */
  where: string;
  reason: string;
}

export interface ReadFile {
  columns: DatasetColumn[];
  /** Values as text in `columns` order (NULL as null), for the store to cast to the stored types. */
  rows: (string | null)[][];
  rejects: FileReject[];
}

/** The stored type of an inferred one: whole numbers BIGINT, other numbers DOUBLE, times TIMESTAMP; nested values as JSON text. */
export function storedType(inferred: string): string {
  const t = inferred.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(t)) return 'BIGINT';
  if (/^(HUGEINT|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(t)) return 'DOUBLE';
  if (t === 'BOOLEAN' || t === 'DATE') return t;
  if (/^TIMESTAMP/.test(t)) return 'TIMESTAMP';
  return 'VARCHAR';
}

const nested = (inferred: string) => /[[\](]|^JSON$|^STRUCT|^MAP|^UNION/i.test(inferred);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function reader(format: DatasetFormat, path: string): string {
  const p = quote(path);
  if (format === 'csv') return `read_csv(${p}, header = true, store_rejects = true, ignore_errors = true, sample_size = -1)`;
  if (format === 'jsonl') return `read_json(${p}, format = 'newline_delimited', sample_size = -1)`;
  return `read_parquet(${p})`;
}

export function formatOf(file: string): DatasetFormat {
  const m = /\.(csv|tsv|jsonl|ndjson|json|parquet)$/i.exec(file);
  if (!m) throw new ShiplogError('bad_request', `${file}: a dataset is a .csv, .jsonl (JSON lines) or .parquet file`);
  const ext = m[1].toLowerCase();
  return ext === 'tsv' || ext === 'csv' ? 'csv' : ext === 'parquet' ? 'parquet' : 'jsonl';
}

/**
 * Reads `path` (already checked: JSON lines are parsed line by line before, and only the
 * good lines given here). `target` is the existing table's stored types by column, when
 * appending: a value that does not cast to its column's type rejects its row.
 */
export async function readDatasetFile(path: string, format: DatasetFormat, target?: Map<string, string>): Promise<ReadFile> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '1' });
  const conn = await instance.connect();
  try {
    await conn.run(`SET allowed_paths = [${quote(path)}]`);
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
    try {
      await conn.run(`CREATE TABLE stage AS SELECT * FROM ${reader(format, path)}`);
    } catch (err) {
      throw new ShiplogError('bad_request', `${path}: ${format} reader: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    const described = (await conn.runAndReadAll('DESCRIBE stage')).getRowObjectsJson() as { column_name: string; column_type: string }[];
    const columns: DatasetColumn[] = described.map((d) => ({ name: d.column_name, inferred: d.column_type, type: target?.get(d.column_name) ?? storedType(d.column_type) }));
    const text = (c: DatasetColumn) => {
      const v = ident(c.name);
      if (nested(c.inferred)) return `CAST(to_json(${v}) AS VARCHAR)`;
      return c.type === storedType(c.inferred) ? `CAST(${v} AS VARCHAR)` : `CAST(TRY_CAST(${v} AS ${c.type}) AS VARCHAR)`;
    };
    const why = (c: DatasetColumn) => (c.type === storedType(c.inferred) || nested(c.inferred) ? 'NULL'
      : `CASE WHEN ${ident(c.name)} IS NOT NULL AND TRY_CAST(${ident(c.name)} AS ${c.type}) IS NULL THEN ${quote(`${c.name}: `)} || CAST(${ident(c.name)} AS VARCHAR) || ${quote(` is not ${c.type}`)} END`);
    const sql = loadSql(import.meta.url, 'stage-rows.sql')
      .replaceAll('{{values}}', () => columns.map((c, i) => `${text(c)} AS v${i}`).join(', ') || 'NULL AS none')
      .replaceAll('{{reasons}}', () => columns.map(why).join(', ') || 'NULL');
    const staged = (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | null>[];
    const rows: (string | null)[][] = [];
    const rejects: FileReject[] = [];
    for (const r of staged) {
      if (r.why) rejects.push({ where: `row ${r.n}`, reason: r.why });
      else rows.push(columns.map((_c, i) => r[`v${i}`] ?? null));
    }
    if (format === 'csv') {
      const bad = (await conn.runAndReadAll('SELECT line, error_message FROM reject_errors ORDER BY line')).getRowObjectsJson() as { line: string; error_message: string }[];
      rejects.unshift(...bad.map((b) => ({ where: `line ${b.line}`, reason: b.error_message.split('\n')[0] })));
    }
    return { columns, rows, rejects };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
