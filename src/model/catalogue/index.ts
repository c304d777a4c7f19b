// The table catalogue: every public table declared once (columns and types, key, write
// mode, who writes it). The store generates and checks its schema from it, normalizers
// and derive steps return rows typed by it, and the pipeline refuses an unknown column
// at run time. Ask "which tables does this read and write?" before "which source?".
import * as ci from './ci.ts';
import * as code from './code.ts';
import * as datasets from './datasets.ts';
import type { Column, RowOf, TableDef } from './define.ts';
import * as delivery from './delivery.ts';
import * as people from './people.ts';
import * as provenance from './provenance.ts';
import * as review from './review.ts';
import * as stewardship from './stewardship.ts';
import * as work from './work.ts';

export type { Column, ColumnType, RowOf, TableDef, WriteMode, VersionRule } from './define.ts';

export const CATALOGUE = [
  provenance.rawRecords, provenance.rawHeads, provenance.rejects, provenance.syncState,
  provenance.deriveState, provenance.rollupState, provenance.rawSeqState, provenance.tableVersions, provenance.stepState,
  people.people, people.identities, people.peopleMerges, people.peopleDecisions,
  code.repos, code.commits, code.repoFacts,
  stewardship.repoActivity, stewardship.standardsTargets, stewardship.repoLifecycle, stewardship.stewards,
  review.changes, review.patchsets, review.votes, review.changeMessages,
  work.tasks, work.taskEvents, work.phabProjects,
  ci.ciBuilds, ci.testResults, ci.zuulQueueItems,
  delivery.deployments, delivery.deploymentItems, delivery.windows, delivery.trains,
  delivery.trainEvents, delivery.logEntries, delivery.incidents, delivery.incidentTimeline,
  people.links,
  datasets.datasets,
] as const;

type Catalogue = (typeof CATALOGUE)[number];
export type TableName = Catalogue['name'];
export type TableOf<N extends TableName> = Extract<Catalogue, { name: N }>;

/** A table's rows, typed from its declaration. */
export type RowsOf<N extends TableName> = RowOf<TableOf<N>>[];

/** What a normalizer or derive step hands the store: table name → typed rows. */
export type TableRows = { [N in TableName]?: RowOf<TableOf<N>>[] };

const BY_NAME = new Map<string, TableDef>(CATALOGUE.map((t) => [t.name, t as unknown as TableDef]));

/** The declaration of a table, or undefined when the catalogue has none. */
export function findTable(name: string): TableDef | undefined {
  return BY_NAME.get(name);
}

export function tableDef(name: string): TableDef {
  const t = BY_NAME.get(name);
  if (!t) throw new Error(`unknown table "${name}": declare it in src/model/catalogue/`);
  return t;
}

/** Tables renormalize rebuilds from raw records (every table that is not pipeline bookkeeping). */
export const ENTITY_TABLES: readonly string[] = CATALOGUE.filter((t) => !('internal' in t && t.internal)).map((t) => t.name);

/** Column names in declaration order. */
export function columnNames(t: TableDef): string[] {
  return Object.keys(t.columns);
}

export function columnOf(t: TableDef, name: string): Column | undefined {
  return (t.columns as Record<string, Column>)[name];
}

/** Rows for a chosen set of tables, every list present (what a normalizer fills). */
export type RowsFor<N extends TableName> = { [K in N]: RowOf<TableOf<K>>[] };

/** Empty row lists for the named tables: `const rows = emptyRows('tasks', 'links')`. */
export function emptyRows<const N extends TableName>(...names: N[]): RowsFor<N> {
  return Object.fromEntries(names.map((n) => [n, []])) as unknown as RowsFor<N>;
}

/** One row of a table, typed from the catalogue. */
export type RowFor<N extends TableName> = RowOf<TableOf<N>>;
