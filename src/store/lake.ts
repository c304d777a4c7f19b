// Every table as Parquet, split by month: `<dir>/<table>/<YYYY-MM>.parquet` (by the table's
// main time column; rows without one, and tables without a time, in `all.parquet`), a
// portable lake any engine or DataFrame library reads. Rows are read from the store a page at
// a time and appended to a private in-memory DuckDB (no file access but its own COPY), which
// writes each month's file; the store's engine does not matter.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../lib/sql.ts';
import { CATALOGUE, columnNames, type Column, type TableDef } from '../model/catalogue/index.ts';
import { pages } from './copy.ts';
import { DUCKDB_TYPES } from './duckdb/types.ts';
import { appendTyped } from './duckdb/values.ts';
import { rowsToArrays } from './rows.ts';
import type { Store } from './types.ts';

/** The time column a table is split by: the first required timestamp, else the first timestamp. */
export function monthColumn(t: TableDef): string | null {
  const cols = Object.entries(t.columns as Record<string, Column>).filter(([, c]) => c.type === 'timestamp');
  return (cols.find(([, c]) => c.required) ?? cols[0])?.[0] ?? null;
}

function monthOf(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 7) : 'all';
}

export interface LakeFile {
  table: string;
  file: string;
  rows: number;
}

async function writeMonths(conn: DuckDBConnection, t: TableDef, dir: string, monthRows: Map<string, unknown[][]>, out: LakeFile[]): Promise<void> {
  const cols = columnNames(t);
  const defs = cols.map((c) => `${ident(c)} ${DUCKDB_TYPES[(t.columns as Record<string, Column>)[c].type]}`).join(', ');
  for (const [month, arrays] of monthRows) {
    await conn.run(`CREATE OR REPLACE TABLE lake_part (${defs})`);
    const types = cols.map((c) => DUCKDB_TYPES[(t.columns as Record<string, Column>)[c].type]);
    const ap = await conn.createAppender('lake_part');
    for (const a of arrays) {
      a.forEach((v, i) => appendTyped(ap, types[i], v, cols[i]));
      ap.endRow();
    }
    ap.flushSync();
    ap.closeSync();
    const file = join(dir, t.name, `${month}.parquet`);
    await conn.run(`COPY lake_part TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    out.push({ table: t.name, file, rows: arrays.length });
  }
}

/** Writes the lake under `dir`; returns the files with their row counts. */
export async function exportLake(store: Store, dir: string): Promise<LakeFile[]> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  const out: LakeFile[] = [];
  try {
    for (const def of CATALOGUE) {
      const t = def as unknown as TableDef;
      mkdirSync(join(dir, t.name), { recursive: true });
      const time = monthColumn(t);
      const order = columnNames(t);
      // one month in memory at a time would need the table ordered by time; a month's rows
      // are gathered over the pages instead (a month of test results at Wikimedia's volume
      // is ~20M rows: the export is meant for stores that fit, else use the engine's own)
      const months = new Map<string, unknown[][]>();
      for await (const rows of pages(store, t)) {
        const arrays = rowsToArrays(t, order, rows);
        rows.forEach((r, i) => {
          const m = time ? monthOf(r[time]) : 'all';
          let list = months.get(m);
          if (!list) months.set(m, (list = []));
          list.push(arrays[i]);
        });
      }
      await writeMonths(conn, t, dir, months, out);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
