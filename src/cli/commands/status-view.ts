// How `shiplog status` reads for people: freshness per source first (what an operator
// checks), then each scope's cursor and counts, rows per table, reject reasons, rollups.
import type { Status } from '../../sync/status.ts';
import type { CliEnv } from '../env.ts';

export function printStatus(env: CliEnv, status: Status): void {
  const scopes = status.scopes.map((s) => ({ ...s, cursor: s.cursor ? String(s.cursor).slice(0, 16) : null }));
  env.print(scopes.length
    ? env.table(['source', 'scope', 'last_success_at', 'cursor', 'raw_records', 'rejects', 'age_s', 'last_error'], scopes)
    : 'no source has been synced yet');
  env.print('');
  env.print(env.table(['table', 'rows'], Object.entries(status.tables).map(([table, rows]) => ({ table, rows }))));
  if (status.rejects.length) {
    env.print('');
    env.print(env.table(['source', 'count', 'reason', 'example_location'], status.rejects.slice(0, 20)));
  }
  env.print('');
  env.print(env.table(['rollup', 'rows', 'refreshed_at', 'duration_ms', 'fresh'], status.rollups.map((r) => ({ rollup: r.name, rows: r.row_count, ...r }))));
}
