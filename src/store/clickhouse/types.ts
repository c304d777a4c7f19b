// Catalogue column types as ClickHouse spells them: the one place the mapping lives.
// Two generations of servers: today's (chdb 26.x, any server with DateTime64 and Bool)
// and the 2018 ones Debian still ships (18.16: DateTime in seconds, booleans as UInt8).
// Arrays cannot be Nullable in ClickHouse: a list column holds [] where DuckDB holds NULL.
import type { ColumnType } from '../../model/catalogue/index.ts';

export interface Flavour {
  /** Server version as [major, minor]. */
  version: [number, number];
  /** DateTime64(3) and Bool exist (20.1+, 22.x+). */
  modern: boolean;
}

export function flavourOf(version: string): Flavour {
  const [major, minor] = version.split('.').map(Number);
  return { version: [major, minor], modern: major > 22 || (major === 22 && minor >= 3) };
}

export function baseType(type: ColumnType, f: Flavour): string {
  switch (type) {
    case 'text': return 'String';
    case 'int': return 'Int32';
    case 'bigint': return 'Int64';
    case 'double': return 'Float64';
    case 'bool': return f.modern ? 'Bool' : 'UInt8';
    case 'timestamp': return f.modern ? "DateTime64(3, 'UTC')" : "DateTime('UTC')";
    case 'text[]': return 'Array(String)';
    case 'bigint[]': return 'Array(Int64)';
  }
}

/** The column's type in a CREATE TABLE: Nullable unless required (lists never are). */
export function columnType(type: ColumnType, required: boolean, f: Flavour, lowCardinality = false): string {
  let t = baseType(type, f);
  if (type.endsWith('[]')) return t;
  if (!required) t = `Nullable(${t})`;
  return lowCardinality && type === 'text' && f.modern ? `LowCardinality(${t})` : t;
}

const PUBLIC_NAMES: Record<string, string> = {
  String: 'VARCHAR', FixedString: 'VARCHAR', UUID: 'UUID', Date: 'DATE', Date32: 'DATE', DateTime: 'TIMESTAMP', DateTime64: 'TIMESTAMP',
  Int8: 'TINYINT', Int16: 'SMALLINT', Int32: 'INTEGER', Int64: 'BIGINT', Int128: 'HUGEINT',
  UInt8: 'UTINYINT', UInt16: 'USMALLINT', UInt32: 'UINTEGER', UInt64: 'BIGINT', // a count() is UInt64: the BIGINT DuckDB gives
  Float32: 'FLOAT', Float64: 'DOUBLE', Bool: 'BOOLEAN', Nothing: 'NULL', Decimal: 'DECIMAL',
};

/**
 * A result column's type in the names shiplog shows for every engine (DuckDB's: VARCHAR,
 * TIMESTAMP, BIGINT, VARCHAR[] …), so API answers and exports do not depend on the engine;
 * Nullable and LowCardinality are storage details.
 */
export function publicType(type: string): string {
  let t = type.trim();
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) break;
    t = m[1];
  }
  const list = /^Array\((.*)\)$/.exec(t);
  if (list) return `${publicType(list[1])}[]`;
  const base = /^([A-Za-z0-9]+)/.exec(t)?.[1] ?? t;
  return PUBLIC_NAMES[base] ?? t.toUpperCase();
}
