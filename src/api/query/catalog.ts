// The tables the API lists, read from the store's schema at request time (so tables that
// later migrations add appear without a code change): columns with their types, the key
// columns (src/model/catalogue) and the main time column. Every identifier the list and
// explore queries put into SQL comes from here, never from the request.
import { ShiplogError } from '../../lib/errors.ts';
import type { Store } from '../../store/index.ts';
import { CATALOGUE } from '../../model/catalogue/index.ts';
import { loadSql } from '../../lib/sql.ts';
import { EVENT_TIME as MAIN_TIME } from '../../model/catalogue/event-time.ts';

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
const datasetGeneration = new WeakMap<Store, number>();
/** Bumped when a dataset table is created or gains a column, so the next request re-reads the catalog. */
export const datasetTables = { generation: 0 };

/**
 * The catalog of a store, read once per store (migrations run before a store is opened)
 * and again after an import created or changed a dataset table (its generation moved).
 */
export function readCatalog(store: Store): Promise<Map<string, TableInfo>> {
  let catalog = cache.get(store);
  if (catalog && datasetGeneration.get(store) !== datasetTables.generation) catalog = undefined;
  if (!catalog) {
    datasetGeneration.set(store, datasetTables.generation);
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
  // User datasets (shiplog import dataset): shaped by their files, keyed by _row, timed by their first time column.
  for (const table of [...new Set(cols.map((c) => c.table_name))].filter((t) => /^dataset_[a-z][a-z0-9_]*$/.test(t)).sort()) {
    const columns = cols.filter((c) => c.table_name === table).map((c) => ({ name: c.column_name, type: c.data_type }));
    out.set(table, { table, keys: ['_row'], columns, time: columns.find((c) => isTimeType(c.type))?.name ?? null });
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
