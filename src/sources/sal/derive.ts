// Rebuilds the SAL deployments from the stored log entries after every import or sync:
// reads the scap entries in time order, pairs them (pair.ts), keeps the window_key the
// calendar source assigned to a deployment that still exists, and drops deployments,
// items and links that no longer come out of the entries.
import type { DeriveResult, ReadFn } from '../types.ts';
import { loadSql } from '../../store/sql.ts';
import { DEPLOY_KINDS, pairEntries, type PairEntry } from './pair.ts';

/**
 * SAL rows of a table whose key is no longer produced. The keys go as one newline-joined
 * string, split in SQL: binding a million-element list costs far more memory.
 */
function staleRows(table: string, column: string, keep: string[]): NonNullable<DeriveResult['deletes']>[number] {
  const sal = "starts_with(deploy_key, 'deploy:sal:')";
  if (keep.length === 0) return { table, where: sal };
  return { table, where: `${sal} AND ${column} NOT IN (SELECT unnest(string_split($1::VARCHAR, chr(10))))`, params: [keep.join('\n')] };
}

const PAGE = 20_000;

/** The scap entries in time order, a page at a time, so the whole log is never held at once. */
async function* deployEntries(read: ReadFn): AsyncGenerator<PairEntry> {
  let after: [Date, string] = [new Date(-8.64e15), ''];
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

export async function deriveSal(read: ReadFn): Promise<DeriveResult> {
  const paired = await pairEntries(deployEntries(read));
  const windows = await read<{ deploy_key: string; window_key: string }>(
    "SELECT deploy_key, window_key FROM deployments WHERE starts_with(deploy_key, 'deploy:sal:') AND window_key IS NOT NULL");
  const windowOf = new Map(windows.map((w) => [w.deploy_key, w.window_key]));
  for (const d of paired.deployments) d.window_key = windowOf.get(d.deploy_key as string) ?? null;
  const deployKeys = paired.deployments.map((d) => d.deploy_key as string);
  const itemKeys = paired.items.map((i) => i.item_key as string);
  return {
    rows: { deployments: paired.deployments, deployment_items: paired.items, links: paired.links },
    rejects: [],
    deletes: [
      staleRows('deployments', 'deploy_key', deployKeys),
      staleRows('deployment_items', 'item_key', itemKeys),
      { table: 'links', where: "starts_with(src_key, 'deploy:sal:') AND rule IN ('sal-gerrit-markup', 'sal-task-ref')" },
    ],
  };
}
