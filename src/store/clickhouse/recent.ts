// Where the newest rows of a month-partitioned table begin. test_results is sorted by repo,
// test and time, so "the newest failures anywhere" cannot read in time order and reads the
// status and time of every row: 1.1 s at 98.9M results. Its newest month is one partition,
// which the partition's min-max index lets a query read alone (~15 ms for ten days of the
// Wikimedia year). The bounds are only a way in: a list that does not fill its page from
// rows at or after them reads the whole table, so a wrong bound costs time, never rows.
import { tableDef } from '../../model/catalogue/index.ts';
import type { Row } from '../types.ts';
import { partsTable, type Target } from './ddl.ts';
import { layoutOf } from './layout.ts';

/** How many of the newest months are offered: the newest, and the one before it for the month's first days. */
const MONTHS = 2;

/**
 * The starts of the newest months that hold rows of `table`, newest first, when `table` is
 * partitioned by the month of `column`; else none. On a cluster, the months this node's
 * shard holds (a bound that misses another shard's newer month still gives the right rows).
 */
export async function monthStarts(all: (sql: string) => Promise<Row[]>, target: Target, table: string, column: string): Promise<Date[]> {
  const t = tableDef(table);
  const layout = layoutOf(t);
  if (!layout.partitionBy || layout.monthColumn !== column) return [];
  const rows = await all(
    `SELECT DISTINCT partition_id AS month FROM system.parts
      WHERE database = currentDatabase() AND table = '${partsTable(t, target)}' AND active AND rows > 0
      ORDER BY month DESC LIMIT ${MONTHS}`,
  );
  return rows.map((r) => String(r.month)).filter((m) => /^\d{6}$/.test(m)).map((m) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(4)) - 1, 1)));
}
