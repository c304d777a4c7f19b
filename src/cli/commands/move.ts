// `shiplog migrate --to <engine> --to-db <path>`: copies the store into a new one on another
// engine (every table, row counts checked); `shiplog export --lake <dir>`: every table as
// Parquet by month. Both read the configured store; the work is in src/store (copy, lake).
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

export function register(program: Command, env: CliEnv): void {
  program
    .command('migrate')
    .description('copy the store to another engine (duckdb or clickhouse), checking row counts per table')
    .requiredOption('--to <engine>', 'duckdb or clickhouse')
    .requiredOption('--to-db <path>', 'the target DuckDB file or ClickHouse data directory (the config\'s clickhouse.url, when set, is used instead for clickhouse)')
    .action(async (o: { to: string; toDb: string }) => {
      if (o.to !== 'duckdb' && o.to !== 'clickhouse') throw new ShiplogError('bad_request', `--to ${o.to}: use duckdb or clickhouse`);
      env.requireDatabase();
      const [{ openStore, storeOptionsOf }, { copyStore }] = await Promise.all([import('../../store/index.ts'), import('../../store/copy.ts')]);
      const { config } = env.loaded;
      const target = await openStore(o.toDb, { ...storeOptionsOf(config), engine: o.to, clickhouse: o.to === config.engine ? {} : config.clickhouse });
      try {
        const report = await env.withStore(({ store }) => copyStore(store, target, (table, rows) => env.log.info({ table, rows }, 'copied')), { create: false });
        const rows = report.reduce((n, r) => n + r.target, 0);
        env.print(env.json ? toJson({ to: o.to, db: target.path, tables: report }) : `${rows} rows in ${report.length} tables copied to ${o.to} ${target.path}; every table's row count matches`);
      } finally {
        await target.close();
      }
    });
  program
    .command('export')
    .description('write every table as Parquet files by month (a portable lake): <dir>/<table>/<YYYY-MM>.parquet')
    .requiredOption('--lake <dir>', 'the folder to write')
    .action(async (o: { lake: string }) => {
      const { exportLake } = await import('../../store/lake.ts');
      const files = await env.withStore(({ store }) => exportLake(store, o.lake), { create: false });
      const rows = files.reduce((n, f) => n + f.rows, 0);
      env.print(env.json ? toJson({ lake: o.lake, files }) : `${files.length} Parquet files, ${rows} rows, in ${o.lake}`);
    });
}
