// How each catalogue table is laid out on ClickHouse: the sorting key its main queries
// read by, the month partition of the big fact tables, and the columns with few distinct
// values (LowCardinality). Engine-specific, so it lives here and not in the catalogue; a
// table not named here is ordered by its key.
import type { TableDef } from '../../model/catalogue/index.ts';

export interface Layout {
  /** ORDER BY expressions (append tables); upsert tables are always ordered by their key. */
  orderBy?: string[];
  /**
   * PARTITION BY expression: one partition a month keeps merges and exports bounded. Always
   * the month of `monthColumn` (recent.ts reads the newest months' starts from the partition ids).
   */
  partitionBy?: string;
  /** Columns stored as LowCardinality (a few thousand distinct values at most). */
  lowCardinality?: string[];
  /** Sharding expression of the Distributed table on a cluster; the key's hash when unset. */
  shardBy?: string;
  /** Time column that splits a table by month for the Parquet lake. */
  monthColumn?: string;
}

const LAYOUTS: Record<string, Layout> = {
  // The fact table of 10^9 rows a year: read by repository, then test, then time (a test's
  // history, a repository's failures), so those runs compress to almost nothing.
  test_results: {
    orderBy: ['assumeNotNull(repo)', 'name', 'assumeNotNull(run_at)'],
    partitionBy: 'toYYYYMM(assumeNotNull(run_at))',
    lowCardinality: ['repo', 'status', 'original_status', 'suite'],
    shardBy: 'cityHash64(name)',
    monthColumn: 'run_at',
  },
  raw_records: { orderBy: ['source', 'seq'], lowCardinality: ['source', 'kind'], monthColumn: 'fetched_at' },
  commits: { orderBy: ['repo', 'commit_key'], lowCardinality: ['repo'], monthColumn: 'committed_at' },
  ci_builds: { lowCardinality: ['system', 'pipeline', 'result', 'original_result', 'repo', 'node', 'job'], monthColumn: 'started_at' },
  changes: { lowCardinality: ['host', 'project', 'branch', 'status', 'original_status'], monthColumn: 'created_at' },
  rejects: { monthColumn: 'rejected_at' },
  task_events: { monthColumn: 'occurred_at' },
  votes: { monthColumn: 'voted_at' },
  change_messages: { monthColumn: 'posted_at' },
  deployments: { monthColumn: 'started_at' },
  log_entries: { monthColumn: 'logged_at' },
};

export function layoutOf(t: TableDef): Layout {
  return LAYOUTS[t.name] ?? {};
}
