// ClickHouse DDL generated from the table catalogue:
// - append tables are MergeTree, ordered for their main queries (layout.ts), written
//   without reading them;
// - upsert tables keep every written version in `<table>__versions`, a ReplacingMergeTree
//   ordered by the key with a `_version` column (and `_deleted` for removals); the public
//   name is a view of the latest live version of each key (FINAL), so read SQL is shared;
// - on a cluster (DDL run ON CLUSTER) append tables are Replicated per shard behind a
//   Distributed table of the public name, sharded by test for test_results and by key for
//   the others; upsert tables are small and replicated whole to every node, so a node reads
//   the latest version of every key locally.
import { columnNames, findTable, type Column, type TableDef } from '../../model/catalogue/index.ts';
import { ident } from '../../lib/sql.ts';
import { layoutOf } from './layout.ts';
import { columnType, type Flavour } from './types.ts';

export interface Target {
  flavour: Flavour;
  database: string;
  /** Cluster name for ON CLUSTER DDL, Replicated engines and Distributed tables. */
  cluster?: string;
}

export const VERSIONS_SUFFIX = '__versions';
const LOCAL_SUFFIX = '__local';

/** Where an upsert table's versions live (what writes target). */
export function versionsTable(t: TableDef): string {
  return `${t.name}${VERSIONS_SUFFIX}`;
}

/** The table an insert targets: the versions table of an upsert table, else the table. */
export function insertTarget(t: TableDef): string {
  return t.mode === 'upsert' ? versionsTable(t) : t.name;
}

const q = ident;

function onCluster(x: Target): string {
  return x.cluster ? ` ON CLUSTER ${q(x.cluster)}` : '';
}

/** A table's name in DDL: database-qualified on a cluster (each node runs it in its default database). */
function named(x: Target, table: string): string {
  return x.cluster ? `${q(x.database)}.${q(table)}` : q(table);
}

function columnDefs(t: TableDef, x: Target): string[] {
  const low = new Set(layoutOf(t).lowCardinality ?? []);
  return columnNames(t).map((name) => {
    const c = (t.columns as Record<string, Column>)[name];
    const codec = x.flavour.modern && (c.type === 'text' && !low.has(name)) ? ' CODEC(ZSTD(3))' : '';
    return `${q(name)} ${columnType(c.type, c.required, x.flavour, low.has(name))}${codec}`;
  });
}

function engineOf(t: TableDef, x: Target, name: string): string {
  if (!x.cluster) return t.mode === 'upsert' ? 'ReplacingMergeTree(_version)' : 'MergeTree()';
  if (t.mode === 'upsert') return `ReplicatedReplacingMergeTree('/clickhouse/tables/all/${x.database}/${name}', '{shard}-{replica}', _version)`;
  return `ReplicatedMergeTree('/clickhouse/tables/{shard}/${x.database}/${name}', '{replica}')`;
}

/** Sharded behind a Distributed table: the append tables of a cluster. */
function sharded(t: TableDef, x: Target): boolean {
  return Boolean(x.cluster) && t.mode === 'append';
}

/** The MergeTree table that holds a table's rows on the node shiplog talks to (the one system.parts lists). */
export function partsTable(t: TableDef, x: Target): string {
  return sharded(t, x) ? `${insertTarget(t)}${LOCAL_SUFFIX}` : insertTarget(t);
}

function tableSettings(x: Target): string {
  return x.flavour.modern ? ' SETTINGS index_granularity = 8192' : '';
}

/** CREATE statements for one table (and its view, Distributed and local tables), in order. */
export function createTable(t: TableDef, x: Target): string[] {
  const layout = layoutOf(t);
  const stored = insertTarget(t);
  const cols = columnDefs(t, x);
  if (t.mode === 'upsert') cols.push('`_version` UInt64', '`_deleted` UInt8');
  const orderBy = t.mode === 'upsert' ? t.key.map(q) : (layout.orderBy ?? t.key.map(q));
  const partition = layout.partitionBy ? `\nPARTITION BY ${layout.partitionBy}` : '';
  const physical = partsTable(t, x);
  const out = [
    `CREATE TABLE IF NOT EXISTS ${named(x, physical)}${onCluster(x)} (\n  ${cols.join(',\n  ')}\n)\nENGINE = ${engineOf(t, x, physical)}${partition}\nORDER BY (${orderBy.join(', ')})${tableSettings(x)}`,
  ];
  if (sharded(t, x)) {
    const shard = layout.shardBy ?? `cityHash64(${t.key.map(q).join(', ')})`;
    out.push(`CREATE TABLE IF NOT EXISTS ${named(x, stored)}${onCluster(x)} AS ${named(x, physical)}\nENGINE = Distributed(${q(x.cluster ?? "")}, ${q(x.database)}, ${q(physical)}, ${shard})`);
  }
  if (t.mode === 'upsert') out.push(latestView(t, x));
  return out;
}

/**
 * The public name of an upsert table: the latest version of each key, removals left out.
 * On a cluster it is made on the node shiplog talks to (every node holds every version).
 */
export function latestView(t: TableDef, _x: Target): string {
  const cols = columnNames(t).map(q).join(', ');
  return `CREATE OR REPLACE VIEW ${q(t.name)} AS\nSELECT ${cols} FROM ${q(versionsTable(t))} FINAL WHERE _deleted = 0`;
}

/** ADD COLUMN for catalogue columns the stored table lacks (in every physical table). */
export function addColumns(t: TableDef, x: Target, existing: ReadonlySet<string>): string[] {
  const defs = columnDefs(t, x);
  const names = columnNames(t);
  const stored = insertTarget(t);
  const tables = sharded(t, x) ? [`${stored}${LOCAL_SUFFIX}`, stored] : [stored];
  const out: string[] = [];
  names.forEach((n, i) => {
    if (existing.has(n)) return;
    for (const tb of tables) out.push(`ALTER TABLE ${named(x, tb)}${onCluster(x)} ADD COLUMN IF NOT EXISTS ${defs[i]}`);
  });
  if (out.length > 0 && t.mode === 'upsert') out.push(latestView(t, x));
  return out;
}

/**
 * A statement that changes an append table's rows in place (ALTER TABLE … UPDATE/DELETE, a
 * lightweight DELETE FROM) as a cluster runs it: a Distributed table takes no mutation, so it
 * goes to every shard's local table ON CLUSTER. Any other statement, or no cluster: as it is.
 */
export function mutationOnCluster(statement: string, x: Target): string {
  if (!x.cluster) return statement;
  const m = /^((?:\s*--[^\n]*\n)*\s*)(ALTER\s+TABLE|DELETE\s+FROM)\s+("?)([A-Za-z_][A-Za-z0-9_]*)\3(?=\s)/i.exec(statement);
  const t = m ? findTable(m[4]) : undefined;
  if (!m || !t || !sharded(t, x)) return statement;
  return `${m[1]}${m[2]} ${mutationTarget(t.name, x)}${statement.slice(m[0].length)}`;
}

/** Where a mutation of an append table goes: the table, or on a cluster every shard's local table ON CLUSTER. */
export function mutationTarget(table: string, x: Target): string {
  return x.cluster ? `${named(x, `${table}${LOCAL_SUFFIX}`)}${onCluster(x)}` : q(table);
}
