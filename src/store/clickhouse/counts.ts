// Row counts of catalogue tables (status, GET /api/status) for one look at system.parts.
// A count through an upsert table's latest-version view (FINAL) costs ~1.5 ms even on an
// empty table, so 35 of them made status miss 150 ms. Each table's count is kept here with a
// fingerprint of its storage table's active parts (names and rows), and counted again only
// when that moved. Any insert, merge, mutation or lightweight delete gives a part a new
// name, so a kept count is never stale, whichever process wrote. Not on a cluster, where
// system.parts shows this node's parts only; nor for a table that is not a MergeTree.
import { tableDef } from '../../model/catalogue/index.ts';
import type { ChConn } from './conn.ts';
import { versionsTable, type Target } from './ddl.ts';

interface Kept {
  print: string;
  rows: number;
}

/** The table the rows of catalogue table `name` are stored in. */
function storageOf(name: string): string {
  const t = tableDef(name);
  return t.mode === 'upsert' ? versionsTable(t) : name;
}

export class RowCounts {
  private readonly kept = new Map<string, Kept>();
  private mergeTrees: Set<string> | undefined;

  constructor(private readonly conn: ChConn, private readonly target: Target) {}

  private async column(sql: string): Promise<unknown[][]> {
    return (await this.conn.query(sql)).data as unknown[][];
  }

  /** Storage tables of this database whose parts system.parts lists (asked once: migrations run at open). */
  private async mergeTreeTables(): Promise<Set<string>> {
    this.mergeTrees ??= new Set((await this.column(`SELECT name FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree'`)).map((r) => String(r[0])));
    return this.mergeTrees;
  }

  /** Each storage table's parts as one string; a table with no part is absent. */
  private async prints(): Promise<Map<string, string>> {
    const rows = await this.column(
      `SELECT table, toString(cityHash64(arrayStringConcat(arraySort(groupArray(concat(name, ':', toString(rows)))), ','))) FROM system.parts
        WHERE database = currentDatabase() AND active GROUP BY table`,
    );
    return new Map(rows.map((r) => [String(r[0]), String(r[1])]));
  }

  async count(names: string[], countNow: (names: string[]) => Promise<Record<string, number>>): Promise<Record<string, number>> {
    if (this.target.cluster) return countNow(names);
    const [kinds, prints] = [await this.mergeTreeTables(), await this.prints()];
    const out: Record<string, number> = {};
    const stale: string[] = [];
    for (const name of names) {
      const storage = storageOf(name);
      const print = prints.get(storage) ?? 'no parts';
      const kept = this.kept.get(name);
      if (!kinds.has(storage)) stale.push(name);
      else if (print === 'no parts') out[name] = 0;
      else if (kept?.print === print) out[name] = kept.rows;
      else stale.push(name);
    }
    if (stale.length > 0) {
      const fresh = await countNow(stale);
      for (const name of stale) {
        out[name] = fresh[name];
        const print = prints.get(storageOf(name));
        if (print && kinds.has(storageOf(name))) this.kept.set(name, { print, rows: fresh[name] });
      }
    }
    return out;
  }
}
