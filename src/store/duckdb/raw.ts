// Raw first, on DuckDB: claims the newest version of each item in raw_heads (the batch's
// keys looked up through the index, probe.ts: never a scan of raw_heads or raw_records),
// appends the records that are new, and names the versions they replaced. raw_records.seq
// comes from raw_seq_state, so arrival order costs no max() over the archive.
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableDef } from '../../model/catalogue/index.ts';
import type { RawRow, StoredRaw } from '../types.ts';
import { toParam } from './values.ts';
import { stageEncoded } from './columnar.ts';
import { indexedFilter, lookUp, probeChunks } from './probe.ts';

/** Where the item's head is written: new items by a plain insert (the index refuses a duplicate), changed ones by an update of their own rows. */
const INSERT_HEADS = 'INSERT INTO raw_heads SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), NULL';
const moveHeads = (heads: string[]) => `
UPDATE raw_heads SET previous = raw_heads.raw_id, raw_id = v.r
  FROM (SELECT unnest($1::VARCHAR[]) AS k, unnest($2::VARCHAR[]) AS r) v
 WHERE raw_heads.head_key = v.k${indexedFilter('raw_heads.head_key', heads)}`;

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
  const claimed = await claimHeads(conn, byHead);
  if (claimed.length === 0) return { fresh: [], superseded: [] };
  const fresh = new Set(claimed.map((c) => c.rawId));
  const superseded = claimed.flatMap((c) => (c.previous === null ? [] : [c.previous]));
  // An item that went back to a version stored before (A → B → A) is fresh again for the
  // tables, but its raw record is already archived. Rare, so a lookup only then.
  const returning = claimed.filter((c) => c.previous !== null).map((c) => c.rawId);
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

/**
 * Makes each item's version in the batch its head: the heads stored now are probed through
 * the index, new items are inserted and changed ones moved on. Returns the items whose head
 * changed, with the version each replaced (null for a new item).
 */
async function claimHeads(conn: DuckDBConnection, byHead: Map<string, RawRow>): Promise<{ rawId: string; previous: string | null }[]> {
  const heads = [...byHead.keys()];
  const found = await lookUp((sql, params) => rows(conn, sql, params), 'raw_heads', 'head_key', heads, 'head_key, raw_id');
  const stored = new Map(found.map((r) => [String(r.head_key), String(r.raw_id)]));
  const added = heads.filter((h) => !stored.has(h));
  const moved = heads.filter((h) => stored.has(h) && stored.get(h) !== byHead.get(h)!.raw_id);
  if (added.length > 0) await conn.run(INSERT_HEADS, [added, added.map((h) => byHead.get(h)!.raw_id)].map(toParam));
  for (const chunk of probeChunks(moved)) {
    await conn.run(moveHeads(chunk), [chunk, chunk.map((h) => byHead.get(h)!.raw_id)].map(toParam));
  }
  return [
    ...added.map((h) => ({ rawId: byHead.get(h)!.raw_id, previous: null })),
    ...moved.map((h) => ({ rawId: byHead.get(h)!.raw_id, previous: stored.get(h)! })),
  ];
}
