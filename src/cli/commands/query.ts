// `shiplog sql "<query>"` (read-only, row limit, timeout) and `shiplog status`.
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import type { StatusWithFreshness } from './status-view.ts';
import type { CliEnv } from '../env.ts';
import { toCsv, toJson } from '../format.ts';
import { printStatus } from './status-view.ts';

interface SqlAnswer {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  truncated_by?: 'rows' | 'bytes';
}

/** A whole number ≥ 1, for --limit and similar flags. */
export function parseCount(flag: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new ShiplogError('bad_request', `${flag} ${v}: use a whole number of at least 1`);
    return Number(v);
  };
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('sql')
    .description('run a read-only SQL query over the entity tables')
    .argument('<query>', 'a single SELECT')
    .option('--format <format>', 'table | json | csv (default: table, or json with --json)')
    .option('--limit <n>', 'row limit (default sql.row_limit, at most sql.max_row_limit)', parseCount('--limit'))
    .action(async (query: string, o: { format?: string; limit?: number }) => {
      const format = o.format ?? (env.json ? 'json' : 'table');
      if (!['table', 'json', 'csv'].includes(format)) throw new ShiplogError('bad_request', `--format ${format}: use table, json or csv`);
      const limits = env.loaded.config.sql;
      if (o.limit !== undefined && o.limit > limits.max_row_limit) {
        throw new ShiplogError('bad_request', `--limit ${o.limit}: more than sql.max_row_limit (${limits.max_row_limit}); raise that key in the config to allow it`);
      }
      const rowLimit = o.limit ?? limits.row_limit;
      const remote = await env.remote();
      const answer: SqlAnswer = remote
        ? await remote.post<SqlAnswer>('/api/sql', { sql: query, limit: rowLimit })
        : await env.withStore(async ({ store }) => {
            const r = await store.readOnlyQuery(query, { limit: rowLimit, timeoutMs: limits.timeout_ms, maxBytes: limits.max_response_bytes });
            return { columns: r.columns.map((c) => c.name), rows: r.rows, truncated: r.truncated, truncated_by: r.truncatedBy };
          }, { create: false });
      if (format === 'json') env.print(toJson(answer.rows, undefined));
      else if (format === 'csv') env.print(toCsv(answer.columns, answer.rows, { terminal: env.io.stdoutIsTTY }));
      else env.print(env.table(answer.columns, answer.rows));
      if (answer.truncated_by === 'bytes') {
        env.io.stderr(`shiplog: stopped after ${answer.rows.length} rows at sql.max_response_bytes (${limits.max_response_bytes} bytes)\n`);
      } else if (answer.truncated) {
        const more = rowLimit < limits.max_row_limit ? `--limit up to ${limits.max_row_limit} (sql.max_row_limit)` : 'sql.max_row_limit in the config';
        env.io.stderr(`shiplog: stopped at ${rowLimit} rows; raise ${more}\n`);
      }
    });

  program
    .command('status')
    .description('per source: freshness against its objective; per scope: last sync, cursor, raw records, rejects; rows per table; rollups')
    .action(async () => {
      const remote = await env.remote();
      let status: StatusWithFreshness;
      if (remote) status = await remote.get<StatusWithFreshness>('/api/status');
      else {
        const [{ readStatus }, { freshnessFor }] = await Promise.all([import('../../sync/status.ts'), import('../../schedule/run.ts')]);
        const now = env.io.clock();
        status = await env.withStore(async ({ store, config }) => ({
          ...await readStatus(store, now), freshness: await freshnessFor(store, config, now),
        }), { create: false });
      }
      if (env.json) return env.print(toJson(status));
      printStatus(env, status);
    });
}
