// The upsert statements on DuckDB, generated from the catalogue: the batch is staged
// (columnar.ts), then `INSERT … ON CONFLICT` probes the PRIMARY KEY index with only the
// batch's keys — once to insert new keys (counted as new), once to replace rows that differ
// and win the version rule (counted as updated). Appends never read the table at all.
import type { TableDef } from '../../model/catalogue/index.ts';
import { columnOf } from '../../model/catalogue/index.ts';
import { ident } from '../../lib/sql.ts';

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

/** The two statements of an upsert from `stage` into the table (same column order). */
export function upsertStatements(t: TableDef, stage: string, order: readonly string[]): UpsertStatements {
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
  const target = `${q(t.name)} AS cur`;
  return {
    insertNew: `INSERT INTO ${target} SELECT * FROM ${stage} ON CONFLICT DO NOTHING`,
    replace: rest.length === 0
      ? `SELECT 0`
      : `INSERT INTO ${target} SELECT * FROM ${stage} ON CONFLICT DO UPDATE SET ${set.join(', ')}
          WHERE (${differs.join(' OR ')}) AND ${winsSql(t)}`,
  };
}
