// Moving a store between engines: every catalogue table read from one store in key order,
// a page at a time (keyset paging, so no page re-reads the ones before on an indexed key),
// and written to the other through its write path (append or upsert, the same rows), then
// the row counts compared table by table. Raw-first bookkeeping (raw_heads, raw_seq_state,
// sync_state, derive_state, rollup_state) is copied too, so the target resumes where the
// source stopped. Engine-neutral: only the Store contract and SQL both engines read.
import { ShiplogError } from '../lib/errors.ts';
import { ident } from '../lib/sql.ts';
import { CATALOGUE, type TableDef } from '../model/catalogue/index.ts';
import type { Row, Store } from './types.ts';

export interface CopyReport {
  table: string;
  source: number;
  target: number;
}

const PAGE = 20_000;

async function count(store: Store, table: string): Promise<number> {
  const [r] = await store.all<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`);
  return Number(r.n);
}

/** The rows of `t` in key order, page by page (keyset paging on the key columns). */
export async function* pages(store: Store, t: TableDef, size = PAGE): AsyncGenerator<Row[]> {
  const keys = t.key.map(ident);
  let last: unknown[] | null = null;
  for (;;) {
    const after: string = last ? `WHERE (${keys.join(', ')}) > (${last.map((_v, i) => `$${i + 1}`).join(', ')})` : '';
    const params: unknown[] = last ? [...last, size] : [size];
    const rows: Row[] = await store.all<Row>(`SELECT * FROM ${ident(t.name)} ${after} ORDER BY ${keys.join(', ')} LIMIT $${params.length}`, params);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    const end: Row = rows[rows.length - 1];
    last = t.key.map((k) => end[k]);
  }
}

/** Copies every table of `from` into `to` (which should be empty), then checks the counts. */
export async function copyStore(from: Store, to: Store, onTable?: (table: string, rows: number) => void): Promise<CopyReport[]> {
  const out: CopyReport[] = [];
  for (const def of CATALOGUE) {
    const t = def as unknown as TableDef;
    let copied = 0;
    for await (const rows of pages(from, t)) {
      // a table's rows of one page go in as one unit of the target's write path
      await to.transaction((tx) => tx.write(t.name, rows));
      copied += rows.length;
      onTable?.(t.name, copied);
    }
    out.push({ table: t.name, source: await count(from, t.name), target: await count(to, t.name) });
  }
  const wrong = out.filter((r) => r.source !== r.target);
  if (wrong.length > 0) {
    throw new ShiplogError('store_failure', `copy to ${to.path}: row counts differ: ${wrong.map((r) => `${r.table} ${r.source} → ${r.target}`).join(', ')}`);
  }
  return out;
}
