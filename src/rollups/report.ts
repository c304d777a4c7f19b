// Report rollups: a report's rows for its default parameters (no since/until/filters), stored
// as a typed table by running the report's own SQL with those parameters. The report reads
// the table instead of its SQL when asked for the defaults and the rollup is fresh; the
// stored order is the SQL's ORDER BY (DuckDB keeps insertion order), so a LIMIT takes a prefix.
import type { TableName } from '../model/catalogue/index.ts';
import type { Store } from '../store/index.ts';
import type { Rollup } from './define.ts';
import { rollupIsFresh } from './state.ts';

export interface ReportRollup extends Rollup {
  /** The rows for the defaults, at most `limit`, or null when the rollup cannot be used. */
  read(store: Store, limit: number | null): Promise<Record<string, unknown>[] | null>;
}

/** `query()` gives the report's SQL and parameters for its defaults, without a row limit. */
export function reportRollup(id: string, reads: readonly TableName[], query: () => { sql: string; params: unknown[] }): ReportRollup {
  const table = `rollup_report_${id}`;
  const rollup: ReportRollup = {
    name: `report_${id}`,
    reads,
    async refresh({ store }) {
      const { sql, params } = query();
      await store.replaceTable(table, sql, params);
      return {};
    },
    async read(store, limit) {
      if (!(await rollupIsFresh(store, rollup))) return null;
      return limit === null ? store.all(`SELECT * FROM ${table}`) : store.all(`SELECT * FROM ${table} LIMIT $1`, [limit]);
    },
  };
  return rollup;
}
