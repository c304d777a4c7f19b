// Reads a query's answer chunk by chunk and row by row, stopping at a row limit and at a
// byte budget, so what read-only SQL hands to JavaScript (and then to JSON) is bounded by
// bytes, not only rows: `SELECT repeat('x', 150000000)` stops after one value instead of
// being copied three times over. At most one row past the budget is ever converted.
import { JSDuckDBValueConverter, type DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult, Row } from '../types.ts';
import { fromJS } from './values.ts';

export interface BoundedResult extends QueryResult {
  truncated: boolean;
  /** Which bound stopped the answer, when one did. */
  truncatedBy?: 'rows' | 'bytes';
}

/** Roughly what a value costs as JSON text: string length, 8 per number, nested sums. */
export function approxBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'string') return v.length + 2;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return 8;
  if (v instanceof Date) return 26;
  if (v instanceof Uint8Array) return v.byteLength * 2;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + approxBytes(x) + 1, 2);
  if (typeof v === 'object') {
    let n = 2;
    for (const [k, x] of Object.entries(v)) n += k.length + 4 + approxBytes(x);
    return n;
  }
  return 8;
}

export async function readBounded(conn: DuckDBConnection, sql: string, opts: { maxRows: number; maxBytes: number }): Promise<BoundedResult> {
  const result = await conn.stream(sql);
  const names = result.columnNames();
  const columns = result.columnTypes().map((t, i) => ({ name: names[i], type: String(t) }));
  const rows: Row[] = [];
  let bytes = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let r = 0; r < chunk.rowCount; r++) {
      if (rows.length >= opts.maxRows) return { columns, rows, truncated: true, truncatedBy: 'rows' };
      const values = chunk.convertRowValues(r, JSDuckDBValueConverter);
      const obj: Record<string, unknown> = {};
      let size = 2;
      for (let c = 0; c < names.length; c++) {
        obj[names[c]] = values[c];
        size += names[c].length + 4 + approxBytes(values[c]);
      }
      if (bytes + size > opts.maxBytes) return { columns, rows, truncated: true, truncatedBy: 'bytes' };
      bytes += size;
      rows.push(fromJS(obj) as Row);
    }
  }
  return { columns, rows, truncated: false };
}
