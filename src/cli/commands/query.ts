// `shiplog sql "<query>"` (read-only, row limit, timeout) and `shiplog status`.
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import { readStatus, type Status } from '../../sync/status.ts';
import type { CliEnv } from '../env.ts';
import { toCsv, toJson, toTable } from '../format.ts';

interface SqlAnswer {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('sql')
    .description('run a read-only SQL query over the entity tables')
    .argument('<query>', 'a single SELECT')
    .option('--format <format>', 'table | json | csv (default: table, or json with --json)')
    .option('--limit <n>', 'row limit (capped by sql.row_limit)', (v) => Number(v))
    .action(async (query: string, o: { format?: string; limit?: number }) => {
      const format = o.format ?? (env.json ? 'json' : 'table');
      if (!['table', 'json', 'csv'].includes(format)) throw new ShiplogError('bad_request', `--format ${format}: use table, json or csv`);
      const limits = env.loaded.config.sql;
      const rowLimit = Math.min(o.limit ?? limits.row_limit, limits.row_limit);
      const remote = await env.remote();
      const answer: SqlAnswer = remote
        ? await remote.post<SqlAnswer>('/api/sql', { sql: query, limit: rowLimit })
        : await env.withStore(async ({ store }) => {
            const r = await store.readOnlyQuery(query, { limit: rowLimit, timeoutMs: limits.timeout_ms });
            return { columns: r.columns.map((c) => c.name), rows: r.rows, truncated: r.truncated };
          });
      if (format === 'json') env.print(toJson(answer.rows, undefined));
      else if (format === 'csv') env.print(toCsv(answer.columns, answer.rows, { terminal: env.io.stdoutIsTTY }));
      else env.print(toTable(answer.columns, answer.rows));
      if (answer.truncated) env.io.stderr(`(stopped at ${rowLimit} rows: raise --limit or sql.row_limit)\n`);
    });

  program
    .command('status')
    .description('per source and scope: last sync, cursor, raw records, rejects, freshness; rows per table; rollups')
    .action(async () => {
      const remote = await env.remote();
      const status = remote
        ? await remote.get<Status>('/api/status')
        : await env.withStore(({ store }) => readStatus(store, env.io.clock()));
      if (env.json) return env.print(toJson(status));
      const scopes = status.scopes.map((s) => ({ ...s, cursor: s.cursor ? String(s.cursor).slice(0, 16) : null }));
      env.print(scopes.length ? toTable(['source', 'scope', 'last_success_at', 'cursor', 'raw_records', 'rejects', 'age_s', 'last_error'], scopes) : 'no source has been synced yet');
      env.print('');
      env.print(toTable(['table', 'rows'], Object.entries(status.tables).map(([table, rows]) => ({ table, rows }))));
      if (status.rejects.length) {
        env.print('');
        env.print(toTable(['source', 'count', 'reason', 'example_location'], status.rejects.slice(0, 20)));
      }
      env.print('');
      env.print(toTable(['rollup', 'rows', 'refreshed_at', 'duration_ms', 'fresh'], status.rollups.map((r) => ({ rollup: r.name, rows: r.row_count, ...r }))));
    });
}
