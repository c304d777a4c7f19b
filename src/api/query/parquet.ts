// Rows → a Parquet file, for `?format=parquet`. The rows (already plain JS, already
// limited) are appended into a private in-memory DuckDB table with the column types the
// query reported, mapped onto the types the appender writes, then COPY … (FORMAT parquet)
// writes a temp file that is read back and removed. The user's SQL is never re-run or
// spliced into the COPY; the only text in it is quoted column names and our temp path.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { appendTyped } from '../../store/duckdb/values.ts';
import { ident } from '../../lib/sql.ts';
import type { ColumnInfo } from './catalog.ts';

/** The appender type a reported column type is written as; anything exotic becomes text. */
export function parquetType(type: string): string {
  const t = type.toUpperCase();
  if (['VARCHAR', 'BOOLEAN', 'DOUBLE', 'BIGINT', 'INTEGER', 'TIMESTAMP', 'VARCHAR[]', 'BIGINT[]', 'DOUBLE[]'].includes(t)) return t;
  if (/^(TINYINT|SMALLINT|UTINYINT|USMALLINT|UINTEGER)$/.test(t)) return 'BIGINT';
  if (/^(FLOAT|REAL|DECIMAL.*|UBIGINT|HUGEINT|UHUGEINT)$/.test(t)) return 'DOUBLE';
  if (/^(TIMESTAMP.*|DATE|DATETIME)$/.test(t)) return 'TIMESTAMP';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UINTEGER)\[\]$/.test(t)) return 'BIGINT[]';
  if (/^(FLOAT|REAL|DECIMAL.*)\[\]$/.test(t)) return 'DOUBLE[]';
  return 'VARCHAR';
}

function uniqueNames(columns: ColumnInfo[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = seen.get(c.name) ?? 0;
    seen.set(c.name, n + 1);
    return n === 0 ? c.name : `${c.name}_${n}`;
  });
}

export async function rowsToParquet(columns: ColumnInfo[], rows: Record<string, unknown>[]): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-parquet-'));
  const file = join(dir, 'result.parquet');
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    const names = uniqueNames(columns);
    const types = columns.map((c) => parquetType(c.type));
    const defs = names.map((n, i) => `${ident(n)} ${types[i]}`);
    await conn.run(`CREATE TABLE result (${defs.length ? defs.join(', ') : '"(no columns)" VARCHAR'})`);
    const ap = await conn.createAppender('result');
    try {
      for (const row of rows) {
        columns.forEach((c, i) => {
          const v = row[c.name];
          const plain = types[i] === 'VARCHAR' && v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
          appendTyped(ap, types[i], types[i] === 'VARCHAR' && v instanceof Date ? v.toISOString() : plain, c.name);
        });
        if (columns.length === 0) ap.appendNull();
        ap.endRow();
      }
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
    await conn.run(`COPY result TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
    return readFileSync(file);
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
