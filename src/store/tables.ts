// The key columns of every table: the store's upsert keeps one row per key.
// A table a later migration adds must be named here too (store.upsert refuses unknown tables).

export const TABLE_KEYS: Record<string, readonly string[]> = {
  raw_records: ['raw_id'],
  rejects: ['reject_id'],
  sync_state: ['source', 'scope'],
  people: ['person_key'],
  identities: ['identity_key'],
  repos: ['repo_key'],
  commits: ['commit_key'],
  changes: ['change_key'],
  patchsets: ['patchset_key'],
  votes: ['vote_key'],
  change_messages: ['message_key'],
  tasks: ['task_key'],
  task_events: ['event_key'],
  ci_builds: ['build_key'],
  test_results: ['result_key'],
  deployments: ['deploy_key'],
  deployment_items: ['item_key'],
  windows: ['window_key'],
  trains: ['train_key'],
  train_events: ['event_key'],
  incidents: ['incident_key'],
  repo_facts: ['fact_key'],
  links: ['src_key', 'dst_key', 'rule'],
  log_entries: ['entry_key'],
  derive_state: ['source'],
  rollup_state: ['name'],
  phab_projects: ['project_phid'],
  zuul_queue_items: ['item_key'],
};

/**
 * Dimension tables whose rows many records mention (an author in every commit): the
 * first record that names a key wins, so later mentions neither churn nor count as updates.
 */
export const INSERT_ONLY_TABLES = new Set(['identities', 'people']);

/** Tables rebuilt from raw_records by renormalize (everything but provenance and cursors). */
export const ENTITY_TABLES = Object.keys(TABLE_KEYS).filter(
  (t) => !['raw_records', 'sync_state', 'derive_state', 'rollup_state'].includes(t),
);

export function keyColumns(table: string): readonly string[] {
  const keys = TABLE_KEYS[table];
  if (!keys) throw new Error(`unknown table "${table}": add its key columns to src/store/tables.ts`);
  return keys;
}
