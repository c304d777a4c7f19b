// The upsert statements on DuckDB, generated from the catalogue. The batch is staged
// (columnar.ts). For a table keyed by one text column, the batch's keys are looked up through
// the index (probe.ts), new keys are inserted with a plain INSERT (the index refuses a
// duplicate) and the stored rows that differ and lose to the batch's under the version rule
// are updated, found through the index again: the cost follows the batch, not the table.
// A table with a composite key goes through `INSERT … ON CONFLICT`, which DuckDB (≥ 1.4)
// plans as a join with a scan of the table: those are the small tables (links the largest).
// Appends never read the table at all.
import type { TableDef } from '../../model/catalogue/index.ts';
import { columnOf } from '../../model/catalogue/index.ts';
import { ident } from '../../lib/sql.ts';
import { indexedFilter } from './probe.ts';

const q = ident;

/** `excluded` wins over the stored row `cur` under the table's version rule (see rows.ts `replaces`). */
export function winsSql(t: TableDef): string {
  if (!t.version) return 'true';
  const hasRawId = columnOf(t, 'raw_id') !== undefined;
  let tail = hasRawId ? '(cur.raw_id IS NULL OR excluded.raw_id >= cur.raw_id)' : 'true';
  for (const v of [...t.version].reverse()) {
    const c = q(v.column);
    const better = `(excluded.${c} ${v.prefer === 'max' ? '>' : '<'} cur.${c})`;
    tail = `(CASE WHEN excluded.${c} IS NULL AND cur.${c} IS NULL THEN ${tail}
                  WHEN excluded.${c} IS NULL THEN false
                  WHEN cur.${c} IS NULL THEN true
                  WHEN excluded.${c} = cur.${c} THEN ${tail}
                  ELSE ${better} END)`;
  }
  return tail;
}

export interface UpsertStatements {
  insertNew: string;
  replace: string;
}

/** What an update sets, and when a stored row `cur` differs from the batch's `excluded`. */
function updateParts(t: TableDef, order: readonly string[]): { set: string[]; differs: string[] } {
  const keys = new Set<string>(t.key);
  const rest = order.filter((c) => !keys.has(c));
  const set = rest.map((c) => {
    const derived = columnOf(t, c)?.derivedBy !== undefined;
    return derived ? `${q(c)} = coalesce(excluded.${q(c)}, cur.${q(c)})` : `${q(c)} = excluded.${q(c)}`;
  });
  const differs = rest.map((c) => {
    const derived = columnOf(t, c)?.derivedBy !== undefined;
    const d = `excluded.${q(c)} IS DISTINCT FROM cur.${q(c)}`;
    return derived ? `(excluded.${q(c)} IS NOT NULL AND ${d})` : d;
  });
  return { set, differs };
}

/** The key column a probe looks rows up by: the table's only key, when it is text. */
export function probeKey(t: TableDef): string | null {
  return t.key.length === 1 && columnOf(t, t.key[0])?.type === 'text' ? t.key[0] : null;
}

/** The statements of an upsert by probes, for a table keyed by `key` alone (probeKey). */
export const probeStatements = {
  /** The staged rows whose key is not among $1 (the stored ones); every staged row when none is stored. */
  insertNew: (t: TableDef, key: string, stage: string, anyStored: boolean) =>
    `INSERT INTO ${q(t.name)} SELECT * FROM ${stage}${anyStored ? ` WHERE ${q(key)} NOT IN (SELECT unnest($1::VARCHAR[]))` : ''}`,
  /** The stored rows of `keys` (≤ PROBE_KEYS) that differ from the staged ones and lose to them. */
  replace: (t: TableDef, key: string, stage: string, order: readonly string[], keys: readonly string[]): string | null => {
    const { set, differs } = updateParts(t, order);
    if (set.length === 0) return null;
    return `UPDATE ${q(t.name)} AS cur SET ${set.join(', ')} FROM ${stage} AS excluded
             WHERE cur.${q(key)} = excluded.${q(key)}${indexedFilter(`cur.${q(key)}`, keys)}
               AND (${differs.join(' OR ')}) AND ${winsSql(t)}`;
  },
};

/** The two statements of an upsert from `stage` into the table (same column order), by ON CONFLICT. */
export function upsertStatements(t: TableDef, stage: string, order: readonly string[]): UpsertStatements {
  const { set, differs } = updateParts(t, order);
  const target = `${q(t.name)} AS cur`;
  return {
    insertNew: `INSERT INTO ${target} SELECT * FROM ${stage} ON CONFLICT DO NOTHING`,
    replace: set.length === 0
      ? `SELECT 0`
      : `INSERT INTO ${target} SELECT * FROM ${stage} ON CONFLICT DO UPDATE SET ${set.join(', ')}
          WHERE (${differs.join(' OR ')}) AND ${winsSql(t)}`,
  };
}
