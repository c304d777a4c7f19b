// Rows into DuckDB column by column, with as few values crossing from JavaScript as
// possible: every value that crosses into a DuckDB vector costs a native call when it is a
// string, so text columns with few distinct values in a batch (a build key, a suite, a
// status) cross once per distinct value as a small list and are stored as list indexes;
// times and big integers cross as doubles. Text columns with many distinct values (keys,
// names, payloads) cross as one string per column, the values joined by a separator no
// value contains, split again inside DuckDB and picked by row number. One INSERT … SELECT
// then decodes the batch inside DuckDB, off the JavaScript thread. Values are checked
// against the catalogue first.
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  LIST,
  VARCHAR,
  BIGINT,
  listValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { columnOf, type Column, type TableDef } from '../../model/catalogue/index.ts';
import { coerce } from '../rows.ts';
import { ShiplogError } from '../../lib/errors.ts';
import type { Row } from '../types.ts';

/** A text column with more distinct values than this in a batch crosses value by value. */
const DICT_MAX = 4096;
const VECTOR = 2048;

interface Encoded {
  name: string;
  stageType: string;
  duckType: DuckDBType;
  values: unknown[];
  /** SQL that turns the stage column back into the table's type ($n: the dictionary list). */
  decode: string;
  dict?: string[];
  /** The column's values joined by SEP (NULL as NUL_MARK): crosses as one string, no stage column. */
  packed?: string;
}

/** Separator and NULL marker of packed text columns (ASCII unit and record separators). */
const SEP = '\x1f';
const NUL_MARK = '\x1e';
/** Below this many rows a column crosses value by value (one big string is not worth it). */
const PACK_MIN = 256;

/**
 * The column's values as one string, or null when a value contains a separator. Joined
 * first, then checked on the joined string: exactly n-1 separators and one NULL mark per
 * NULL mean no value holds either (one native scan each instead of two calls per value).
 */
function pack(values: readonly (string | null)[]): string | null {
  let nulls = 0;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) nulls++;
    parts[i] = v === null ? NUL_MARK : v;
  }
  const joined = parts.join(SEP);
  let seps = 0;
  for (let at = joined.indexOf(SEP); at !== -1 && seps < values.length; at = joined.indexOf(SEP, at + 1)) seps++;
  if (seps !== values.length - 1) return null;
  let marks = 0;
  for (let at = joined.indexOf(NUL_MARK); at !== -1 && marks <= nulls; at = joined.indexOf(NUL_MARK, at + 1)) marks++;
  return marks === nulls ? joined : null;
}

function refuseUnknown(t: TableDef, known: Set<string>, rows: readonly Row[]): void {
  for (let i = 0; i < rows.length; i++) {
    for (const k in rows[i]) {
      if (!known.has(k)) {
        const raw = typeof rows[i].raw_id === 'string' ? `, raw ${rows[i].raw_id}` : '';
        throw new ShiplogError('store_failure', `${t.name}.${k}: no such column (row ${i + 1}${raw})`);
      }
    }
  }
}

function textColumn(t: TableDef, name: string, c: Column, rows: readonly Row[], q: string): Encoded {
  const n = rows.length;
  const dict = new Map<string, number>();
  const codes = new Array<number | null>(n);
  let i = 0;
  for (; i < n; i++) {
    const raw = rows[i][name];
    if (raw == null) {
      if (c.required) coerce(t, name, c, raw, rows[i], i);
      codes[i] = null;
      continue;
    }
    const v = typeof raw === 'string' ? raw : (coerce(t, name, c, raw, rows[i], i) as string);
    let k = dict.get(v);
    if (k === undefined) {
      // mostly distinct (keys, names): stop counting early, the dictionary would not pay
      if (dict.size >= DICT_MAX || (i >= 256 && dict.size > i >> 1)) break;
      k = dict.size + 1;
      dict.set(v, k);
    }
    codes[i] = k;
  }
  if (i === n && dict.size > 0) return { name, stageType: 'INTEGER', duckType: INTEGER, values: codes, decode: `list_extract(${'$'}{P}, ${q})`, dict: [...dict.keys()] };
  const values = new Array<string | null>(n);
  for (let j = 0; j < n; j++) {
    const raw = rows[j][name];
    values[j] = raw == null ? (c.required ? (coerce(t, name, c, raw, rows[j], j) as string) : null) : typeof raw === 'string' ? raw : (coerce(t, name, c, raw, rows[j], j) as string);
  }
  const packed = n >= PACK_MIN ? pack(values) : null;
  if (packed !== null) return { name, stageType: '', duckType: VARCHAR, values: [], decode: `nullif(list_extract(_packed."${name}", _i), chr(30))`, packed };
  return { name, stageType: 'VARCHAR', duckType: VARCHAR, values, decode: q };
}

function encodeColumn(t: TableDef, name: string, rows: readonly Row[]): Encoded {
  const c = columnOf(t, name)!;
  const q = `"${name}"`;
  if (c.type === 'text') return textColumn(t, name, c, rows, q);
  const n = rows.length;
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const v = coerce(t, name, c, rows[i][name], rows[i], i);
    values[i] = v === null ? null : c.type === 'timestamp' ? (v as Date).getTime()
      : c.type === 'text[]' ? listValue(v as string[])
        : c.type === 'bigint[]' ? listValue((v as number[]).map((x) => BigInt(x)))
          : v;
  }
  switch (c.type) {
    case 'int':
      return { name, stageType: 'INTEGER', duckType: INTEGER, values, decode: q };
    case 'bigint':
      return { name, stageType: 'DOUBLE', duckType: DOUBLE, values, decode: `${q}::BIGINT` };
    case 'double':
      return { name, stageType: 'DOUBLE', duckType: DOUBLE, values, decode: q };
    case 'bool':
      return { name, stageType: 'BOOLEAN', duckType: BOOLEAN, values, decode: q };
    case 'timestamp':
      return { name, stageType: 'DOUBLE', duckType: DOUBLE, values, decode: `epoch_ms(${q}::BIGINT)` };
    case 'text[]':
      return { name, stageType: 'VARCHAR[]', duckType: LIST(VARCHAR), values, decode: q };
    case 'bigint[]':
      return { name, stageType: 'BIGINT[]', duckType: LIST(BIGINT), values, decode: q };
  }
  throw new ShiplogError('store_failure', `${t.name}.${name}: no DuckDB encoding for type ${c.type}`);
}

/**
 * Writes `rows` into the temp table `encoded` (created here, one column per table column in
 * `order`) and returns the SELECT that decodes it into the table's types, with its
 * parameters (the dictionaries).
 */
export async function stageEncoded(conn: DuckDBConnection, t: TableDef, order: readonly string[], rows: readonly Row[], encoded: string): Promise<{ select: string; params: DuckDBValue[] }> {
  refuseUnknown(t, new Set(order), rows);
  const cols = order.map((name) => encodeColumn(t, name, rows));
  const params: DuckDBValue[] = [];
  const exprs = cols.map((c) => {
    if (!c.dict) return `${c.decode} AS "${c.name}"`;
    params.push(listValue(c.dict));
    return `${c.decode.replace('${P}', `$${params.length}::VARCHAR[]`)} AS "${c.name}"`;
  });
  const packed = cols.filter((c) => c.packed !== undefined);
  const staged = cols.filter((c) => c.packed === undefined);
  if (packed.length > 0) {
    // the row number the packed columns are picked by (1-based, as list_extract counts)
    staged.push({ name: '_i', stageType: 'INTEGER', duckType: INTEGER, values: Array.from({ length: rows.length }, (_, i) => i + 1), decode: '' });
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${encoded} (${staged.map((c) => `"${c.name}" ${c.stageType}`).join(', ')})`);
  const ap = await conn.createAppender(encoded, null, 'temp');
  try {
    const types = staged.map((c) => c.duckType);
    for (let s = 0; s < rows.length; s += VECTOR) {
      const n = Math.min(VECTOR, rows.length - s);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let j = 0; j < staged.length; j++) chunk.setColumnValues(j, staged[j].values.slice(s, s + n) as DuckDBValue[]);
      ap.appendDataChunk(chunk);
    }
    ap.flushSync();
  } finally {
    ap.closeSync();
  }
  if (packed.length === 0) return { select: `SELECT ${exprs.join(', ')} FROM ${encoded}`, params };
  // each packed string is split once (a one-row relation), then every row picks its value
  const lists = packed.map((c) => {
    params.push(c.packed!);
    return `string_split($${params.length}::VARCHAR, chr(31)) AS "${c.name}"`;
  });
  return { select: `SELECT ${exprs.join(', ')} FROM ${encoded} CROSS JOIN (SELECT ${lists.join(', ')}) AS _packed`, params };
}
