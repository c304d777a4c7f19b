// Conversion between plain JS values and DuckDB values, in one place: parameters in,
// rows out (bigint → number, timestamps → Date, lists → arrays), and appender writes
// by column type. Nothing outside src/store/duckdb sees a DuckDB value type.
import {
  BIGINT,
  DOUBLE,
  DuckDBAppender,
  DuckDBListValue,
  DuckDBTimestampValue,
  DuckDBValue,
  LIST,
  VARCHAR,
  listValue,
  timestampValue,
} from '@duckdb/node-api';

/** A JS parameter as a DuckDB value (Date → TIMESTAMP, arrays → LIST). */
export function toParam(v: unknown): DuckDBValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return timestampValue(BigInt(v.getTime()) * 1000n);
  if (Array.isArray(v)) return listValue(v.map(toParam));
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 53) return BigInt(v);
  return v as DuckDBValue;
}

/** A value read by getRowObjectsJS as plain JS. */
export function fromJS(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(fromJS);
  if (v instanceof Date || v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = fromJS(x);
  return out;
}

function toDate(v: unknown, column: string): Date {
  const d = v instanceof Date ? v : new Date(v as string | number);
  if (Number.isNaN(d.getTime())) throw new TypeError(`column ${column}: not a time: ${String(v)}`);
  return d;
}

function timestamp(d: Date): DuckDBTimestampValue {
  return timestampValue(BigInt(d.getTime()) * 1000n);
}

/** Writes one value with the appender method that matches the column's type. */
export function appendTyped(ap: DuckDBAppender, type: string, v: unknown, column: string): void {
  if (v === undefined || v === null) return ap.appendNull();
  switch (type) {
    case 'VARCHAR':
      return ap.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v));
    case 'BIGINT':
      return ap.appendBigInt(BigInt(Math.trunc(Number(v))));
    case 'INTEGER':
      return ap.appendInteger(Math.trunc(Number(v)));
    case 'DOUBLE':
      return ap.appendDouble(Number(v));
    case 'BOOLEAN':
      return ap.appendBoolean(Boolean(v));
    case 'TIMESTAMP':
      return ap.appendTimestamp(timestamp(toDate(v, column)));
    case 'VARCHAR[]':
      return ap.appendList((v as unknown[]).map(String), LIST(VARCHAR));
    case 'BIGINT[]':
      return ap.appendList(
        (v as unknown[]).map((x) => BigInt(Math.trunc(Number(x)))),
        LIST(BIGINT),
      );
    case 'DOUBLE[]':
      return ap.appendList((v as unknown[]).map(Number), LIST(DOUBLE));
    default:
      throw new TypeError(`column ${column}: unsupported column type ${type}`);
  }
}

export type { DuckDBListValue };
