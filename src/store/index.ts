// Opens the configured store, migrated to the current schema. The only entry point the
// rest of shiplog uses; the engine folders (duckdb/, clickhouse/) stay behind it, and
// this is the one place that chooses between them (config `engine:`, `--engine`,
// SHIPLOG_ENGINE). ClickHouse is loaded only when asked for.
import { availableParallelism } from 'node:os';
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
  /** DuckDB's memory_limit (e.g. "2GB"); unset: DEFAULT_MEMORY_LIMIT. */
  memoryLimit?: string;
  /** DuckDB's worker threads; unset: DEFAULT_THREADS. */
  threads?: number;
  /** DuckDB's checkpoint_threshold, fixed (e.g. "256MB"); unset: shiplog checkpoints at a size that grows with the store (duckdb/checkpoints.ts). */
  checkpointThreshold?: string;
  engine?: Engine;
  clickhouse?: ClickHouseConfig;
}

/**
 * Defaults for a small machine (2 cores, a few GB shared with other work): DuckDB's own
 * defaults are 80% of RAM and a thread per core. The buffer pool spills past the limit
 * (to <db>.tmp), so large queries run in bounded memory; shiplog.yaml's db_memory_limit and
 * db_threads raise them on a bigger machine (docs/config.md). Not lower than 512MB: a
 * checkpoint rewrites the raw archive's last row group with its payloads pinned, and with
 * 256MB `import junit` of a 400 MB report failed there ("failed to pin block").
 */
export const DEFAULT_MEMORY_LIMIT = '512MB';
export const DEFAULT_THREADS = 2;

/** The open options a loaded config asks for. */
export function storeOptionsOf(config: { engine?: Engine; db_memory_limit?: string; db_threads?: number; db_checkpoint_threshold?: string; clickhouse?: ClickHouseConfig }): OpenOptions {
  return { engine: config.engine, memoryLimit: config.db_memory_limit, threads: config.db_threads, checkpointThreshold: config.db_checkpoint_threshold, clickhouse: config.clickhouse };
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
  const store = await DuckDBStore.open({
    path, readOnly: opts.readOnly,
    memoryLimit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    threads: opts.threads ?? Math.min(DEFAULT_THREADS, availableParallelism()),
    checkpointThreshold: opts.checkpointThreshold,
  });
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
