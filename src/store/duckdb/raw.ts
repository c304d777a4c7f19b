// Raw first, on DuckDB: claims the newest version of each item in raw_heads (an index
// probe per item, never a scan of raw_records), appends the records that are new, and
// names the versions they replaced. raw_records.seq comes from raw_seq_state, so arrival
// order costs no max() over the archive.
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableDef } from '../../model/catalogue/index.ts';
import type { RawRow, StoredRaw } from '../types.ts';
import { toParam } from './values.ts';
import { stageEncoded } from './columnar.ts';

const CLAIM = `
INSERT INTO raw_heads AS cur
SELECT h, r, NULL FROM (SELECT unnest($1::VARCHAR[]) AS h, unnest($2::VARCHAR[]) AS r)
ON CONFLICT DO UPDATE SET previous = cur.raw_id, raw_id = excluded.raw_id WHERE cur.raw_id <> excluded.raw_id
RETURNING raw_id, previous`;

/** The item a raw id is a version of: the raw id without its `#<content hash>` suffix. */
export function headKeyOf(rawId: string): string {
  const i = rawId.lastIndexOf('#');
  return i < 0 ? rawId : rawId.slice(0, i);
}

async function rows(conn: DuckDBConnection, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const r = await conn.runAndReadAll(sql, params.map(toParam));
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

export async function storeRawRows(conn: DuckDBConnection, order: string[], records: RawRow[]): Promise<StoredRaw> {
  // One version per item and batch: a later version in the same batch replaces an earlier one.
  const byHead = new Map<string, RawRow>();
  for (const r of records) byHead.set(headKeyOf(r.raw_id), r);
  if (byHead.size === 0) return { fresh: [], superseded: [] };
  const claimed = await rows(conn, CLAIM, [[...byHead.keys()], [...byHead.values()].map((r) => r.raw_id)]);
  if (claimed.length === 0) return { fresh: [], superseded: [] };
  const fresh = new Set(claimed.map((c) => String(c.raw_id)));
  const superseded = claimed.flatMap((c) => (c.previous == null ? [] : [String(c.previous)]));
  // An item that went back to a version stored before (A → B → A) is fresh again for the
  // tables, but its raw record is already archived. Rare, so a lookup only then.
  const returning = claimed.filter((c) => c.previous != null).map((c) => String(c.raw_id));
  const archived = returning.length === 0 ? new Set<string>()
    : new Set((await rows(conn, 'SELECT raw_id FROM raw_records WHERE raw_id IN (SELECT unnest($1::VARCHAR[]))', [returning])).map((r) => String(r.raw_id)));
  const toAppend = [...byHead.values()].filter((r) => fresh.has(r.raw_id) && !archived.has(r.raw_id));
  if (toAppend.length > 0) {
    const [{ seq }] = await rows(conn, 'UPDATE raw_seq_state SET seq = seq + $1 WHERE id = 1 RETURNING seq', [toAppend.length]);
    const first = Number(seq) - toAppend.length + 1;
    const withSeq = toAppend.map((r, i) => ({ ...r, seq: first + i }));
    const { select, params } = await stageEncoded(conn, tableDef('raw_records'), order, withSeq, '_enc_raw_records');
    await conn.run(`INSERT INTO raw_records (${order.map((c) => `"${c}"`).join(', ')}) ${select}`, params);
  }
  return { fresh: [...byHead.values()].filter((r) => fresh.has(r.raw_id)).map((r) => r.raw_id), superseded };
}
