// The tables the API lists, read from the store's schema at request time (so tables that
// later migrations add appear without a code change): columns with their types, the key
// columns (src/model/catalogue) and the main time column. Every identifier the list and
// explore queries put into SQL comes from here, never from the request.
import { ShiplogError } from '../../lib/errors.ts';
import type { Store } from '../../store/index.ts';
import { CATALOGUE } from '../../model/catalogue/index.ts';
import { loadSql } from '../../lib/sql.ts';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableInfo {
  table: string;
  keys: readonly string[];
  columns: ColumnInfo[];
  /** The column `since` / `until` apply to unless the request names another. */
  time: string | null;
}

/** The main time column of each table of 001_core.sql; other tables use their first TIMESTAMP. */
const MAIN_TIME: Record<string, string | null> = {
  raw_records: 'fetched_at', rejects: 'rejected_at', sync_state: 'last_run_at',
  people: null, identities: null, repos: null,
  commits: 'committed_at', changes: 'created_at', patchsets: 'created_at', votes: 'voted_at',
  change_messages: 'posted_at', tasks: 'created_at', task_events: 'occurred_at',
  ci_builds: 'started_at', test_results: 'run_at', deployments: 'started_at', deployment_items: null,
  windows: 'planned_start', trains: 'first_rollforward_at', train_events: 'occurred_at',
  incidents: 'started_at', repo_facts: 'observed_at', links: 'first_seen_at', log_entries: 'logged_at',
};

export function isTimeType(type: string): boolean {
  return /^(TIMESTAMP|DATE)/i.test(type);
}

export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(type);
}

export function isListType(type: string): boolean {
  return type.endsWith('[]');
}

const cache = new WeakMap<Store, Promise<Map<string, TableInfo>>>();

/** The catalog of a store, read once per store (migrations run before a store is opened). */
export function readCatalog(store: Store): Promise<Map<string, TableInfo>> {
  let catalog = cache.get(store);
  if (!catalog) {
    catalog = loadCatalog(store);
    catalog.catch(() => cache.delete(store));
    cache.set(store, catalog);
  }
  return catalog;
}

async function loadCatalog(store: Store): Promise<Map<string, TableInfo>> {
  const cols = await store.all<{ table_name: string; column_name: string; data_type: string }>(loadSql(import.meta.url, 'catalog-columns.sql'));
  const out = new Map<string, TableInfo>();
  for (const { name: table, key: keys } of CATALOGUE) {
    const columns = cols.filter((c) => c.table_name === table).map((c) => ({ name: c.column_name, type: c.data_type }));
    if (columns.length === 0) continue;
    const time = table in MAIN_TIME ? MAIN_TIME[table] : (columns.find((c) => isTimeType(c.type))?.name ?? null);
    out.set(table, { table, keys, columns, time });
  }
  return out;
}

export async function tableInfo(store: Store, table: string): Promise<TableInfo> {
  const catalog = await readCatalog(store);
  const info = catalog.get(table);
  if (!info) throw new ShiplogError('not_found', `no table "${table}" (known: ${[...catalog.keys()].join(', ')})`);
  return info;
}

/** The column a request parameter names: the column itself, or `<name>` for `<name>_key`. */
export function columnOf(info: TableInfo, name: string): ColumnInfo | undefined {
  return info.columns.find((c) => c.name === name) ?? info.columns.find((c) => c.name === `${name}_key`);
}

export function timeColumn(info: TableInfo, requested: string | undefined): ColumnInfo | null {
  const name = requested ?? info.time;
  if (!name) {
    return null;
  }
  const col = info.columns.find((c) => c.name === name);
  if (!col || !isTimeType(col.type)) {
    const times = info.columns.filter((c) => isTimeType(c.type)).map((c) => c.name);
    throw new ShiplogError('bad_request', `${info.table}: "${name}" is not a time column (time columns: ${times.join(', ') || 'none'})`);
  }
  return col;
}
