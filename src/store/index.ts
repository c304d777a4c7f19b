// Opens the configured store, migrated to the current schema. The only entry point the
// rest of shiplog uses; engine folders (duckdb/, later clickhouse/) stay behind it.
import { DuckDBStore } from './duckdb/driver.ts';
import { migrate } from './duckdb/migrate.ts';
import type { Store } from './types.ts';

export type { Store, Row, UpsertCounts, QueryResult } from './types.ts';
export { lockStateOf, type LockState } from './duckdb/lock.ts';

/** `memoryLimit`: DuckDB's memory_limit (e.g. "2GB"); unset leaves DuckDB's default (80% of RAM). */
export async function openStore(path: string, opts: { readOnly?: boolean; memoryLimit?: string } = {}): Promise<Store> {
  const store = await DuckDBStore.open({ path, readOnly: opts.readOnly, memoryLimit: opts.memoryLimit });
  if (!opts.readOnly) {
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
