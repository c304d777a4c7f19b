// One way out for every tabular answer (lists, SQL, explore, reports):
// `?format=json` (default), `csv` or `parquet`. CSV follows RFC 4180; times are ISO UTC.
import type { Context } from 'hono';
import { ShiplogError } from '../../lib/errors.ts';
import type { ColumnInfo } from './catalog.ts';
import { rowsToParquet } from './parquet.ts';
import { toCsv } from '../../lib/csv.ts';

export const FORMATS = ['json', 'csv', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];

export function formatOf(value: string | undefined): Format {
  if (value === undefined || value === '') return 'json';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new ShiplogError('bad_request', `format "${value}" is not one of ${FORMATS.join(', ')}`);
}

export { toCsv };

export interface Tabular {
  columns: ColumnInfo[];
  rows: Record<string, unknown>[];
  /** Extra fields of the JSON answer (next_cursor, truncated, …). */
  meta?: Record<string, unknown>;
}

/** Answers with the table in the requested format; `name` names the download. */
export async function respondTable(c: Context, format: Format, name: string, t: Tabular): Promise<Response> {
  const file = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (format === 'csv') {
    return c.body(toCsv(t.columns.map((x) => x.name), t.rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}.csv"`,
    });
  }
  if (format === 'parquet') {
    const bytes = await rowsToParquet(t.columns, t.rows);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.apache.parquet',
      'content-disposition': `attachment; filename="${file}.parquet"`,
    });
  }
  return c.json({ ...t.meta, columns: t.columns.map((x) => x.name), types: t.columns.map((x) => x.type), rows: t.rows });
}
