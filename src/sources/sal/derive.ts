// Rebuilds the SAL deployments from the stored log entries after every import or sync:
// reads the scap entries in time order, pairs them (pair.ts), keeps the window_key the
// calendar source assigned to a deployment that still exists, and drops deployments,
// items and links that no longer come out of the entries. Incremental: only the entries
// from two days before the earliest new one are re-paired (see repairFrom).
import type { DeriveResult, ReadFn } from '../types.ts';
import { loadSql } from '../../lib/sql.ts';
import { DEPLOY_KINDS, pairEntries, STALE_MS, type PairEntry } from './pair.ts';

/**
 * SAL rows of a table whose key is no longer produced. The keys go as one newline-joined
 * string, split in SQL: binding a million-element list costs far more memory.
 */
function staleRows(table: string, column: string, keep: string[]): NonNullable<DeriveResult['deletes']>[number] {
  if (keep.length === 0) return { table, where: SAL };
  return { table, where: loadSql(import.meta.url, 'stale-rows.sql').replaceAll('{{column}}', column), params: [keep.join('\n')] };
}

const PAGE = 20_000;

/** The scap entries from `from` on, in time order, a page at a time, so the whole log is never held at once. */
async function* deployEntries(read: ReadFn, from: Date | null): AsyncGenerator<PairEntry> {
  // before every entry (1900: the earliest time both engines keep)
  let after: [Date, string] = [from ?? new Date(Date.UTC(1900, 0, 1)), ''];
  for (;;) {
    const rows = await read<{ entry_key: string; logged_at: Date; user_name: string | null; host: string | null; message: string | null; raw_id: string | null }>(
      loadSql(import.meta.url, 'deploy-entries.sql'), [DEPLOY_KINDS, after[0], after[1], PAGE]);
    for (const r of rows) {
      yield { entryKey: r.entry_key, loggedAt: r.logged_at, userName: r.user_name, host: r.host, message: r.message ?? '', rawId: r.raw_id };
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = [last.logged_at, last.entry_key];
  }
}

const SAL = "deploy_key LIKE 'deploy:sal:%'";
const TOUCHED = `${SAL} AND (started_at >= $1 OR finished_at >= $1)`;

/**
 * Where pairing must start again: 'full' when no deployment is stored yet (first run,
 * renormalize), null when no new scap entry arrived, else a time W such that every stored
 * deployment either lies wholly before W or starts at or after it. Runs open for more than
 * two days never pair (STALE_MS), so W starts two days before the earliest new entry and
 * moves back while a deployment still spans it.
 */
async function repairFrom(read: ReadFn): Promise<Date | null | 'full'> {
  const [{ n }] = await read<{ n: number }>(`SELECT count(*) AS n FROM deployments WHERE ${SAL}`);
  const [state] = await read<{ raw_seq: number }>("SELECT raw_seq FROM derive_state WHERE source = 'sal'");
  if (n === 0 || !state) return 'full';
  const [{ first_new }] = await read<{ first_new: Date | null }>(loadSql(import.meta.url, 'repair-from.sql'), [state.raw_seq, DEPLOY_KINDS]);
  if (!first_new) return null;
  let w = new Date(first_new.getTime() - STALE_MS);
  for (;;) {
    const [{ m }] = await read<{ m: Date | null }>(`SELECT min(started_at) AS m FROM deployments WHERE ${SAL} AND finished_at >= $1`, [w]);
    if (!m || m >= w) return w;
    w = m;
  }
}

export async function deriveSal(read: ReadFn): Promise<DeriveResult> {
  const from = await repairFrom(read);
  if (from === null) return { rows: {}, rejects: [] };
  const paired = await pairEntries(deployEntries(read, from === 'full' ? null : from));
  const windows = await read<{ deploy_key: string; window_key: string }>(
    `SELECT deploy_key, window_key FROM deployments WHERE ${SAL} AND window_key IS NOT NULL`);
  const windowOf = new Map(windows.map((w) => [w.deploy_key, w.window_key]));
  for (const d of paired.deployments) d.window_key = windowOf.get(d.deploy_key as string) ?? null;
  const rows = { deployments: paired.deployments, deployment_items: paired.items, links: paired.links };
  if (from !== 'full') {
    const touched = `(SELECT deploy_key FROM deployments WHERE ${TOUCHED})`;
    return {
      rows, rejects: [],
      deletes: [
        { table: 'deployment_items', where: `deploy_key IN ${touched}`, params: [from] },
        { table: 'links', where: `src_key IN ${touched} AND rule IN ('sal-gerrit-markup', 'sal-task-ref')`, params: [from] },
        { table: 'deployments', where: TOUCHED, params: [from] },
      ],
    };
  }
  return {
    rows, rejects: [],
    deletes: [
      staleRows('deployments', 'deploy_key', paired.deployments.map((d) => d.deploy_key as string)),
      staleRows('deployment_items', 'item_key', paired.items.map((i) => i.item_key as string)),
      { table: 'links', where: "src_key LIKE 'deploy:sal:%' AND rule IN ('sal-gerrit-markup', 'sal-task-ref')" },
    ],
  };
}
