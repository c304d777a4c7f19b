// The ClickHouse schema: tables generated from the catalogue on every open (a missing
// table is created, a missing column added, so the catalogue is the migration), the
// engine's bookkeeping (journal), and the views of schema/NNN_name.sql applied once each
// and recorded in schema_version. A view file may say `-- requires: 21.8` (first lines);
// an older server skips it (and records nothing, so an upgraded server gets it later).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShiplogError } from '../../lib/errors.ts';
import { CATALOGUE, type TableDef } from '../../model/catalogue/index.ts';
import type { ChConn } from './conn.ts';
import { addColumns, createTable, insertTarget, latestView, type Target } from './ddl.ts';
import { journalDdl } from './raw.ts';
import { literal, splitStatements } from './values.ts';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schema');

export function listViewMigrations(dir = SCHEMA_DIR): { version: number; name: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, path: join(dir, f) }))
    .sort((a, b) => a.version - b.version);
}

function requires(text: string): [number, number] | null {
  const m = /^--\s*requires:\s*(\d+)\.(\d+)/m.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

async function existingColumns(conn: ChConn, database: string, table: string): Promise<Set<string> | null> {
  const a = await conn.query(`SELECT name FROM system.columns WHERE database = ${literal(database, false)} AND table = ${literal(table, false)}`);
  return a.data.length === 0 ? null : new Set(a.data.map((r) => String(r[0])));
}

async function ensureTable(conn: ChConn, t: TableDef, x: Target): Promise<void> {
  const have = await existingColumns(conn, x.database, insertTarget(t));
  const statements = have ? addColumns(t, x, have) : createTable(t, x);
  // a view is the node's own: another node of a cluster has the table but not yet the view
  if (have && t.mode === 'upsert' && statements.length === 0 && !(await existingColumns(conn, x.database, t.name))) statements.push(latestView(t, x));
  for (const s of statements) {
    const view = /^CREATE OR REPLACE VIEW ("[^"]+")/.exec(s);
    if (view && !x.flavour.modern) {
      // 18.x has no CREATE OR REPLACE VIEW
      await conn.exec(`DROP TABLE IF EXISTS ${view[1]}`);
      await conn.exec(s.replace('CREATE OR REPLACE VIEW', 'CREATE VIEW'));
    } else {
      await conn.exec(s);
    }
  }
}

export async function migrateClickHouse(conn: ChConn, x: Target): Promise<number> {
  // schema_version, the journal and the views belong to the node shiplog talks to; on a
  // cluster only the catalogue's tables are made ON CLUSTER (ddl.ts).
  await conn.exec('CREATE TABLE IF NOT EXISTS schema_version (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree() ORDER BY version');
  for (const t of CATALOGUE) {
    try {
      await ensureTable(conn, t as unknown as TableDef, x);
    } catch (err) {
      throw new ShiplogError('store_failure', `${conn.where}: cannot create table ${t.name}: ${(err as Error).message}`, { cause: err });
    }
  }
  for (const s of journalDdl(x.flavour.modern)) await conn.exec(s);
  const seq = await conn.query('SELECT count() FROM raw_seq_state');
  if (Number(seq.data[0][0]) === 0) await conn.exec("INSERT INTO raw_seq_state__versions (id, seq, _version, _deleted) VALUES (1, 0, 0, 0)");
  const done = new Set((await conn.query('SELECT version FROM schema_version')).data.map((r) => Number(r[0])));
  let applied = 0;
  for (const m of listViewMigrations()) {
    if (done.has(m.version)) continue;
    const text = readFileSync(m.path, 'utf8');
    const need = requires(text);
    const [maj, min] = x.flavour.version;
    if (need && (maj < need[0] || (maj === need[0] && min < need[1]))) continue;
    for (const statement of splitStatements(text)) {
      try {
        await conn.exec(statement);
      } catch (err) {
        throw new ShiplogError('store_failure', `migration ${m.path} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    await conn.exec(`INSERT INTO schema_version (version, name, applied_at) VALUES (${m.version}, ${literal(m.name, false)}, now())`);
    applied++;
  }
  return applied;
}
