// Opens the configured store, migrated to the current schema. The only entry point the
// rest of shiplog uses; the engine folders (duckdb/, clickhouse/) stay behind it, and
// this is the one place that chooses between them (config `engine:`, `--engine`,
// SHIPLOG_ENGINE). ClickHouse is loaded only when asked for.
import { DuckDBStore } from './duckdb/driver.ts';
import { migrate } from './duckdb/migrate.ts';
import type { Store } from './types.ts';

export type { Store, Row, UpsertCounts, QueryResult } from './types.ts';
export { lockStateOf, type LockState } from './duckdb/lock.ts';

export type Engine = 'duckdb' | 'clickhouse';
export const ENGINES: readonly Engine[] = ['duckdb', 'clickhouse'];

export interface ClickHouseConfig {
  /** A server's HTTP URL; without it the engine runs in process (chdb) on the --db directory. */
  url?: string;
  database?: string;
  user?: string;
  password?: string;
  /** Cluster name: ON CLUSTER DDL, Replicated tables, Distributed tables sharded by key (test_results by test). */
  cluster?: string;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB's memory_limit (e.g. "2GB"); unset leaves DuckDB's default (80% of RAM). */
  memoryLimit?: string;
  engine?: Engine;
  clickhouse?: ClickHouseConfig;
}

/** The open options a loaded config asks for. */
export function storeOptionsOf(config: { engine?: Engine; db_memory_limit?: string; clickhouse?: ClickHouseConfig }): OpenOptions {
  return { engine: config.engine, memoryLimit: config.db_memory_limit, clickhouse: config.clickhouse };
}

/** True when the store lives on a server, so no local path has to exist. */
export function isRemoteStore(opts: OpenOptions): boolean {
  return opts.engine === 'clickhouse' && Boolean(opts.clickhouse?.url);
}

export async function openStore(path: string, opts: OpenOptions = {}): Promise<Store> {
  if (opts.engine === 'clickhouse') {
    const { ClickHouseStore } = await import('./clickhouse/driver.ts');
    return ClickHouseStore.open({ path, readOnly: opts.readOnly, ...opts.clickhouse });
  }
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
