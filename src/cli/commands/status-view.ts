// How `shiplog status` reads for people: freshness per source first (what an operator
// checks), then each scope's cursor and counts, rows per table, reject reasons, rollups.
import type { SourceFreshness } from '../../schedule/freshness.ts';
import { formatDuration } from '../../lib/duration.ts';
import type { Status } from '../../sync/status.ts';
import type { CliEnv } from '../env.ts';

/** GET /api/status and the local status alike (dates are strings when they came over HTTP). */
export type StatusWithFreshness = Status & { freshness?: SourceFreshness[] };

const age = (s: number | null) => (s === null ? 'never' : formatDuration(s * 1000));
const when = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function printFreshness(env: CliEnv, freshness: SourceFreshness[]): void {
  if (freshness.length === 0) {
    env.print('freshness: no source is configured to sync (sources: in the config)');
    return env.print('');
  }
  env.print(env.table(['source', 'freshness', 'age', 'warn_after', 'error_after', 'next_sync', 'failures', 'stalest_scope', 'last_error'],
    freshness.map((f) => ({
      ...f, freshness: f.state, age: age(f.age_s), warn_after: formatDuration(f.warn_after_s * 1000), error_after: formatDuration(f.error_after_s * 1000),
      next_sync: f.scheduled ? when(f.next_sync_at) : '(not scheduled)', failures: f.consecutive_failures,
    }))));
  env.print('');
}

export function printStatus(env: CliEnv, status: StatusWithFreshness): void {
  printFreshness(env, status.freshness ?? []);
  const scopes = status.scopes.map((s) => ({ ...s, cursor: s.cursor ? String(s.cursor).slice(0, 16) : null }));
  env.print(scopes.length
    ? env.table(['source', 'scope', 'last_success_at', 'cursor', 'raw_records', 'rejects', 'age_s', 'last_error'], scopes)
    : 'no source has been synced yet');
  env.print('');
  env.print(env.table(['table', 'rows'], Object.entries(status.tables).map(([table, rows]) => ({ table, rows }))));
  const unmatched = status.unmatched_changes ?? [];
  if (unmatched.length) {
    env.print('');
    env.print(`${unmatched.reduce((n, u) => n + u.changes, 0)} Gerrit changes match no known repository (commits and config deploys do not join them; import the repository, or re-import the mirror with --name):`);
    env.print(env.table(['project', 'changes'], unmatched.slice(0, 20)));
  }
  const datasets = status.datasets ?? [];
  if (datasets.length) {
    env.print('');
    env.print(env.table(['dataset', 'table', 'rows', 'files', 'rejected', 'columns', 'updated_at'], datasets.map((d) => ({
      dataset: d.name, table: d.table_name, rows: d.row_count, files: d.files, rejected: d.rejected, updated_at: when(d.updated_at),
      columns: d.columns.map((c) => `${c.name} ${c.type}`).join(', '),
    }))));
  }
  if (status.rejects.length) {
    env.print('');
    env.print(env.table(['source', 'count', 'reason', 'example_location'], status.rejects.slice(0, 20)));
  }
  env.print('');
  env.print(env.table(['rollup', 'rows', 'refreshed_at', 'duration_ms', 'fresh'], status.rollups.map((r) => ({ rollup: r.name, rows: r.row_count, ...r }))));
  if (status.derive?.length) {
    env.print('');
    env.print(env.table(['step', 'reads', 'writes', 'ran_at', 'rows_changed', 'fresh'], status.derive.map((d) => ({
      ...d, reads: d.reads.join(' '), writes: d.writes.join(' '),
    }))));
  }
}
