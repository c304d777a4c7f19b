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

/** Keys in chunks a probe answers from the index. */
export function probeChunks<T>(keys: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += PROBE_KEYS) out.push(keys.slice(i, i + PROBE_KEYS));
  return out;
}
