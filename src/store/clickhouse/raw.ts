// Raw first, on ClickHouse, where a batch cannot be one transaction: the batch's raw
// records are probed against raw_heads (the batch's keys only), the new ones appended, and
// the head claims held back until the batch's rows are written (the store writes them at
// commit, before the cursor). A journal row names the batch's fresh raw ids first; if the
// process dies before the claims land, recovery (at the next open, or at once when the
// batch fails) deletes the rows those ids left in append tables, so the re-run batch
// writes them once. Upsert rows need no undo: writing them again changes nothing.
import { CATALOGUE, tableDef } from '../../model/catalogue/index.ts';
import { headKeyOf } from '../duckdb/raw.ts';
import type { RawRow, Row, StoredRaw } from '../types.ts';
import { literal } from './values.ts';
import { appendRows, deleteWhere, selectRows, type WriteContext } from './write.ts';

export const JOURNAL = '_shiplog_journal';
export const JOURNAL_DONE = '_shiplog_journal_done';

export interface RawSession {
  tx: string;
  /** Heads this transaction claims (written at commit), by head key. */
  heads: Map<string, Row>;
  /** The next raw_records.seq to hand out. */
  seq: { next: number };
}

export function journalDdl(modern: boolean): string[] {
  const at = modern ? "DateTime64(3, 'UTC')" : "DateTime('UTC')";
  return [
    `CREATE TABLE IF NOT EXISTS ${JOURNAL} (tx String, fresh Array(String), appended Array(String), at ${at}) ENGINE = MergeTree() ORDER BY tx`,
    `CREATE TABLE IF NOT EXISTS ${JOURNAL_DONE} (tx String) ENGINE = MergeTree() ORDER BY tx`,
  ];
}

function list(ids: readonly string[], modern: boolean): string {
  return ids.map((v) => literal(v, modern)).join(', ');
}

export async function storeRawClickHouse(ctx: WriteContext, s: RawSession, records: RawRow[]): Promise<StoredRaw> {
  const byHead = new Map<string, RawRow>();
  for (const r of records) byHead.set(headKeyOf(r.raw_id), r);
  if (byHead.size === 0) return { fresh: [], superseded: [] };
  const current = new Map<string, string>();
  const keys = [...byHead.keys()];
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000);
    for (const r of await selectRows(ctx.conn, `SELECT head_key, raw_id FROM raw_heads WHERE head_key IN (${list(part, ctx.modern)})`)) {
      current.set(String(r.head_key), String(r.raw_id));
    }
  }
  for (const [k, h] of s.heads) current.set(k, String(h.raw_id));
  const fresh: RawRow[] = [];
  const superseded: string[] = [];
  for (const [head, r] of byHead) {
    const cur = current.get(head);
    if (cur === r.raw_id) continue;
    fresh.push(r);
    if (cur !== undefined) superseded.push(cur);
    s.heads.set(head, { head_key: head, raw_id: r.raw_id, previous: cur ?? null });
  }
  if (fresh.length === 0) return { fresh: [], superseded: [] };
  // An item back at a version stored before (A → B → A) is fresh for the tables, but its
  // raw record is archived already: a lookup only for those.
  const returning = fresh.filter((r) => current.has(headKeyOf(r.raw_id))).map((r) => r.raw_id);
  const archived = new Set<string>();
  if (returning.length > 0) {
    for (const r of await selectRows(ctx.conn, `SELECT raw_id FROM raw_records WHERE raw_id IN (${list(returning, ctx.modern)})`)) archived.add(String(r.raw_id));
  }
  const toAppend = fresh.filter((r) => !archived.has(r.raw_id));
  await ctx.conn.insert(JOURNAL, [{ tx: s.tx, fresh: fresh.map((r) => r.raw_id), appended: toAppend.map((r) => r.raw_id), at: new Date().toISOString().replace('T', ' ').slice(0, ctx.modern ? 23 : 19) }]);
  if (toAppend.length > 0) {
    const first = s.seq.next;
    s.seq.next += toAppend.length;
    await appendRows(ctx, tableDef('raw_records'), toAppend.map((r, i) => ({ ...r, seq: first + i })));
  }
  return { fresh: fresh.map((r) => r.raw_id), superseded };
}

const APPEND_TABLES = CATALOGUE.filter((t) => t.mode === 'append' && t.name !== 'raw_records' && 'raw_id' in t.columns).map((t) => t.name);

/**
 * Undoes batches whose head claims never landed: rows of their fresh raw ids are deleted
 * from append tables (and the raw records they appended), then the batch is marked done.
 * `only` limits it to one transaction (a batch that failed in this process).
 */
export async function recoverJournal(ctx: WriteContext, only?: string): Promise<number> {
  const filter = only ? `tx = ${literal(only, ctx.modern)}` : `tx NOT IN (SELECT tx FROM ${JOURNAL_DONE})`;
  const pending = await selectRows(ctx.conn, `SELECT tx, groupArray(fresh) AS fresh, groupArray(appended) AS appended FROM ${JOURNAL} WHERE ${filter} GROUP BY tx`);
  let undone = 0;
  for (const p of pending) {
    const fresh = (p.fresh as string[][]).flat();
    const appended = (p.appended as string[][]).flat();
    const claimed = new Set<string>();
    if (fresh.length > 0) {
      for (const r of await selectRows(ctx.conn, `SELECT raw_id FROM raw_heads WHERE raw_id IN (${list(fresh, ctx.modern)})`)) claimed.add(String(r.raw_id));
    }
    const lost = fresh.filter((id) => !claimed.has(id));
    const lostAppended = appended.filter((id) => !claimed.has(id));
    if (lost.length > 0) {
      for (const table of APPEND_TABLES) await deleteWhere(ctx, table, `raw_id IN (${list(lost, ctx.modern)})`);
    }
    if (lostAppended.length > 0) await deleteWhere(ctx, 'raw_records', `raw_id IN (${list(lostAppended, ctx.modern)})`);
    undone += lost.length;
    await ctx.conn.insert(JOURNAL_DONE, [{ tx: String(p.tx) }]);
  }
  return undone;
}
