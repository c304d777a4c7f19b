// Looking rows up by key through the primary-key index. DuckDB uses the index for
// `key IN (<constants>)` — up to 2,048 of them (its index_scan_max_count) — but not for a join
// with a batch, and since DuckDB 1.4 `INSERT … ON CONFLICT` is planned as MERGE INTO, a hash join
// of the batch with a scan of the whole table (duckdb/duckdb#18480): a claim of 400 new raw
// items cost 160 ms at 100M results against 12 ms on an empty store. A probe here reads only
// the batch's keys, whatever the table's size (probe.test.ts shows the index scan).

/** Keys per probe: within DuckDB's index_scan_max_count (2,048). */
export const PROBE_KEYS = 2000;

/** A SQL string constant. Keys are text; NUL cannot be written as a constant. */
export function stringConstant(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `column IN ('a', 'b', …)`, which DuckDB answers from the column's index. */
export function inConstants(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map(stringConstant).join(', ')})`;
}

/** True when every key can be written as a constant (no NUL character). */
export function probeable(keys: readonly string[]): boolean {
  return keys.every((k) => !k.includes('\0'));
}

/**
 * ` AND column IN (<constants>)`, which lets a statement that already matches rows by key
 * find them through the index; nothing when a key cannot be written as a constant (the
 * statement is then right, only not indexed).
 */
export function indexedFilter(column: string, keys: readonly string[]): string {
  return probeable(keys) ? ` AND ${inConstants(column, keys)}` : '';
}

type Read = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The stored rows (`columns`) of `table` whose `key` is among `keys`: through the index, in
 * chunks of PROBE_KEYS; by a join with the keys when one of them cannot be a constant.
 */
export async function lookUp(read: Read, table: string, key: string, keys: readonly string[], columns: string): Promise<Record<string, unknown>[]> {
  if (!probeable(keys)) return read(`SELECT ${columns} FROM ${table} WHERE ${key} IN (SELECT unnest($1::VARCHAR[]))`, [keys]);
  const out: Record<string, unknown>[] = [];
  for (const chunk of probeChunks(keys)) out.push(...(await read(`SELECT ${columns} FROM ${table} WHERE ${inConstants(key, chunk)}`, [])));
  return out;
}

/** Keys in chunks a probe answers from the index. */
export function probeChunks<T>(keys: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += PROBE_KEYS) out.push(keys.slice(i, i + PROBE_KEYS));
  return out;
}
