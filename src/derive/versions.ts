// Table versions: a counter per table (and per source's raw records), raised in the same
// transaction as every write that changed rows. Steps compare the versions of their inputs
// with the ones they saw last (step_state), so "what changed" needs no timestamps and no
// scan of the tables themselves.
import type { Store } from '../store/index.ts';

export type Versions = Map<string, number>;

export async function readVersions(tx: Store): Promise<Versions> {
  const rows = await tx.all<{ table_name: string; version: number | bigint }>('SELECT table_name, version FROM table_versions');
  return new Map(rows.map((r) => [r.table_name, Number(r.version)]));
}

/** Raises the version of each named table by one; answers the new versions. */
export async function bumpTables(tx: Store, tables: Iterable<string>, now: Date): Promise<Versions> {
  const names = [...new Set(tables)];
  if (names.length === 0) return new Map();
  const current = await readVersions(tx);
  const next: Versions = new Map(names.map((t) => [t, (current.get(t) ?? 0) + 1]));
  await tx.upsert('table_versions', names.map((t) => ({ table_name: t, version: next.get(t)!, changed_at: now })));
  return next;
}

/** Tracks the tables a transaction changed, and raises their versions once at its end. */
export class Touched {
  private readonly tables = new Set<string>();
  add(table: string, changed: number): void {
    if (changed > 0) this.tables.add(table);
  }
  /** Raises the versions; answers the new ones. */
  async commit(tx: Store, now: Date): Promise<Versions> {
    const next = await bumpTables(tx, this.tables, now);
    this.tables.clear();
    return next;
  }
}
