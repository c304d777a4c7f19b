// The store's operations on one DuckDB connection: reads, the two write paths of the
// catalogue (append without a join, upsert probing only the batch's keys), the raw archive,
// removals and the derive layer's replaces. The store's writer and its transaction view run
// them on the writer connection; driver.ts owns the instance, the queue and the readers.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ShiplogError } from '../../lib/errors.ts';
import { columnNames, tableDef, type TableDef } from '../../model/catalogue/index.ts';
import { dedupeByKey } from '../rows.ts';
import type { Params, QueryResult, RawRow, Row, StoredRaw, UpsertCounts } from '../types.ts';
import { stageEncoded } from './columnar.ts';
import { storeRawRows } from './raw.ts';
import { fromJS, toParam } from './values.ts';
import { probeKey, probeStatements, upsertStatements } from './write.ts';
import { lookUp, probeChunks } from './probe.ts';
import { ident } from '../../lib/sql.ts';

export async function readRows(conn: DuckDBConnection, sql: string, params?: Params, maxRows?: number): Promise<QueryResult> {
  const values = params?.map(toParam);
  const reader = maxRows === undefined
    ? await conn.runAndReadAll(sql, values)
    : await conn.streamAndReadUntil(sql, maxRows, values);
  const names = reader.columnNames();
  const types = reader.columnTypes().map(String);
  const rows = reader.getRowObjectsJS().map((r) => fromJS(r) as Row);
  return { columns: names.map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' })), rows };
}

/** A table name made by code (a rollup's): a plain identifier, refused otherwise. */
function plainName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShiplogError('store_failure', `table name ${JSON.stringify(name)} is not a plain name`);
  return `"${name}"`;
}

/** Operations on one connection; the writer and the transaction view share this. */
export class ConnectionOps {
  private columnOrder = new Map<string, string[]>();
  constructor(readonly conn: DuckDBConnection, private readonly path: string) {}

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await readRows(this.conn, sql, params)).rows as T[];
  }

  query(sql: string, params?: Params): Promise<QueryResult> {
    return readRows(this.conn, sql, params);
  }

  async run(sql: string, params?: Params): Promise<number> {
    return Number((await this.conn.run(sql, params?.map(toParam))).rowsChanged);
  }

  async tableColumns(table: string, schema = 'main'): Promise<string[]> {
    const id = `${schema}.${table}`;
    let cols = this.columnOrder.get(id);
    if (!cols) {
      const r = await readRows(this.conn, `SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 ORDER BY column_index`, [schema, table]);
      cols = r.rows.map((x) => String(x.column_name));
      if (cols.length === 0) throw new ShiplogError('store_failure', `${this.path}: table ${table} does not exist (is the schema migrated?)`);
      this.columnOrder.set(id, cols);
    }
    return cols;
  }

  forgetColumns(): void {
    this.columnOrder.clear();
  }

  async storeRaw(records: RawRow[]): Promise<StoredRaw> {
    return storeRawRows(this.conn, await this.tableColumns('raw_records'), records);
  }

  async deleteByRawIds(table: string, rawIds: string[]): Promise<number> {
    if (rawIds.length === 0) return 0;
    tableDef(table);
    const r = await this.conn.run(`DELETE FROM "${table}" WHERE raw_id IN (SELECT unnest($1::VARCHAR[]))`, [toParam(rawIds)]);
    return Number(r.rowsChanged);
  }

  /**
   * The answer staged in a temporary table, then an UPDATE … FROM it of every non-key column
   * (on 33k deployments: an UPDATE from the query itself, which reads the table it updates,
   * took 23 s, INSERT OR REPLACE 3 s, this ~0.1 s).
   */
  async replaceRows(table: string, sql: string, params?: Params): Promise<number> {
    const t = tableDef(table);
    if (t.mode !== 'upsert') throw new ShiplogError('store_failure', `${table} is append-only: its rows are not replaced`);
    const cols = columnNames(t);
    const keys = new Set<string>(t.key);
    const set = cols.filter((c) => !keys.has(c)).map((c) => `"${c}" = _replacing."${c}"`).join(', ');
    const on = t.key.map((k) => `"${table}"."${k}" = _replacing."${k}"`).join(' AND ');
    await this.run(`CREATE OR REPLACE TEMP TABLE _replacing AS SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM (${sql}) AS q`, params);
    try {
      return await this.run(`UPDATE "${table}" SET ${set} FROM _replacing WHERE ${on}`);
    } finally {
      await this.run('DROP TABLE IF EXISTS _replacing');
    }
  }

  async replaceTable(name: string, sql: string, params?: Params): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE ${plainName(name)} AS ${sql}`, params);
  }

  async appendToTable(name: string, sql: string, params?: Params): Promise<void> {
    await this.run(`INSERT INTO ${plainName(name)} ${sql}`, params);
  }

  async remove(table: string, where: string, params?: Params): Promise<number> {
    tableDef(table);
    return this.run(`DELETE FROM "${table}" WHERE ${where}`, params);
  }

  /** Writes rows by the table's catalogue write mode. */
  write(table: string, rows: Row[]): Promise<UpsertCounts> {
    const t = tableDef(table);
    return t.mode === 'append' ? this.append(table, rows) : this.upsert(table, rows);
  }

  async append(table: string, rows: Row[]): Promise<UpsertCounts> {
    const t = tableDef(table);
    if (t.mode !== 'append') throw new ShiplogError('store_failure', `${table} is an upsert table: write it with upsert()`);
    if (rows.length === 0) return { new: 0, updated: 0, unchanged: 0 };
    const order = await this.tableColumns(table);
    const { select, params } = await stageEncoded(this.conn, t, order, rows, `_enc_${table}`);
    await this.conn.run(`INSERT INTO "${table}" (${order.map((c) => `"${c}"`).join(', ')}) ${select}`, params);
    return { new: rows.length, updated: 0, unchanged: 0 };
  }

  async upsert(table: string, rows: Row[]): Promise<UpsertCounts> {
    const t = tableDef(table);
    if (t.mode !== 'upsert') throw new ShiplogError('store_failure', `${table} is append-only: write it with append()`);
    if (rows.length === 0) return { new: 0, updated: 0, unchanged: 0 };
    const order = await this.tableColumns(table);
    const batch = dedupeByKey(t, rows);
    const { select, params } = await stageEncoded(this.conn, t, order, batch, `_enc_${table}`);
    const stage = `_stage_${table}`;
    // Created afresh for every batch: DuckDB never frees the rows deleted from a temporary
    // table, so a stage emptied with DELETE held every row ever staged (367 MB of a NoteDB import).
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT * FROM "${table}" LIMIT 0`);
    await this.conn.run(`INSERT INTO ${stage} ${select}`, params);
    const key = probeKey(t);
    const keys = key === null ? [] : batch.map((r) => r[key]);
    if (key !== null && keys.every((k): k is string => typeof k === 'string')) {
      return this.upsertByProbes(t, key, keys, stage, order);
    }
    const sql = upsertStatements(t, stage, order);
    const inserted = Number((await this.conn.run(sql.insertNew)).rowsChanged);
    // Every key new (a first import, mostly): nothing is left to replace, so no second probe.
    const replaced = inserted === batch.length ? 0 : Number((await this.conn.run(sql.replace)).rowsChanged);
    return { new: inserted, updated: replaced, unchanged: batch.length - inserted - replaced };
  }

  /** The upsert of a staged batch whose keys (one text column) are looked up through the index. */
  private async upsertByProbes(t: TableDef, key: string, keys: string[], stage: string, order: string[]): Promise<UpsertCounts> {
    const found = await lookUp((sql, params) => this.all(sql, params as Params), ident(t.name), ident(key), keys, `${ident(key)} AS k`);
    const stored = found.map((r) => String(r.k));
    const inserted = stored.length === keys.length ? 0
      : await this.run(probeStatements.insertNew(t, key, stage, stored.length > 0), stored.length > 0 ? [stored] : undefined);
    let replaced = 0;
    for (const chunk of probeChunks(stored)) {
      const sql = probeStatements.replace(t, key, stage, order, chunk);
      if (sql) replaced += await this.run(sql);
    }
    return { new: inserted, updated: replaced, unchanged: keys.length - inserted - replaced };
  }
}
