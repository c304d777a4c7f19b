// `shiplog import <source> <path…>`, `shiplog sync [source…]`, `shiplog renormalize [source…]`:
// run locally, or on the running server that owns the database.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES, type ErrorCode, ShiplogError } from '../../lib/errors.ts';
import type { SourceSummary } from '../../sync/summary.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

/**
 * Prints the summaries. Scopes that failed were logged as they failed and the rest was
 * stored; the exit code is the first failure's (69 unreachable, 77 auth, 76 protocol, …).
 */
async function report(env: CliEnv, summaries: SourceSummary[]): Promise<void> {
  const { formatSummary } = await import('../../sync/summary.ts');
  env.print(env.json ? toJson({ summaries }) : formatSummary(summaries));
  const failed = summaries.flatMap((s) => s.errors.map((message, i) => ({ message, code: s.errorCodes?.[i] ?? 'store_failure' })));
  if (failed.length > 0) {
    if (!env.json) env.io.stderr(`shiplog: ${failed.length} scope(s) failed, the rest was stored; first: ${failed[0].message}\n`);
    process.exitCode = ERROR_CODES[failed[0].code as ErrorCode]?.exit ?? ERROR_CODES.store_failure.exit;
  }
}

/** `shiplog import dataset <file> --name N`: one file into dataset_N (src/sync/datasets), locally or on the running server. */
async function importDatasetCommand(env: CliEnv, files: string[], name: string | undefined): Promise<void> {
  if (!name) throw new ShiplogError('bad_request', 'import dataset: give the table name with --name (the table is dataset_<name>)');
  if (files.length !== 1) throw new ShiplogError('bad_request', `import dataset: give one file (got ${files.length})`);
  type Summary = import('../../sync/datasets/datasets.ts').DatasetSummary;
  const remote = await env.remote();
  const s: Summary = remote
    ? await remote.post<Summary>('/api/datasets/import', { path: files[0], name })
    : await env.withStore(async ({ store }) => (await import('../../sync/datasets/datasets.ts')).importDataset({ store, clock: env.io.clock }, files[0], name));
  if (env.json) return env.print(toJson(s));
  if (s.already_imported) return env.print(`${s.table}: ${s.file} was imported under this name before (${s.raw_id}); nothing appended, ${s.rows_total} rows`);
  env.print(`${s.table}: ${s.created ? 'created' : 'appended to'} from ${s.file} (${s.format}, archived as ${s.raw_id})`);
  env.print(env.table(['column', 'type', 'inferred'], s.columns.map((c) => ({ column: c.name, type: c.type, inferred: c.inferred }))));
  if (s.added_columns.length) env.print(`new columns: ${s.added_columns.join(', ')}`);
  env.print(`${s.rows_appended} rows appended, ${s.rows_total} in the table, ${s.rejected} rejected${s.rejected ? ' (shiplog sql "SELECT location, reason FROM rejects WHERE source = \'dataset\'")' : ''}`);
  for (const r of s.rejects.slice(0, 10)) env.print(`  rejected ${r.where}: ${r.reason}`);
}

function collectOption(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Options passed to the source as `options` (each source reads the ones it knows). */
function sourceOptions(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'option') out[k] = v;
  for (const kv of (o.option as string[] | undefined) ?? []) {
    const i = kv.indexOf('=');
    out[i > 0 ? kv.slice(0, i) : kv] = i > 0 ? kv.slice(i + 1) : true;
  }
  return out;
}

/** Local paths must exist (URLs, for the sources that read them, are passed through). */
function localPaths(env: CliEnv, paths: string[]): string[] {
  return paths.map((p) => {
    if (/^https?:\/\//.test(p)) return p;
    const abs = resolve(env.io.cwd, p);
    if (!existsSync(abs)) throw new ShiplogError('not_found', `${abs}: no such file or folder`);
    return abs;
  });
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('import')
    .description('import files or a local repository through a source (git, gerrit-notedb, sal, junit, …); `import dataset <file> --name N` makes a user table dataset_N from a CSV, JSON lines or Parquet file')
    .argument('<source>', 'source name, or dataset')
    .argument('<paths...>', 'files, folders or repositories')
    .option('--name <name>', 'repository or scope name (default: folder name)')
    .option('--branch <branch>', 'git: branch to read (default: HEAD)')
    .option('--kind <kind>', 'repository kind, e.g. mediawiki-config')
    .option('--build <key>', 'junit: build key the results belong to')
    .option('--repo <repo>', 'repository the records belong to')
    .option('--job <job>', 'junit: CI job name')
    .option('--change <n>', 'junit: Gerrit change number')
    .option('--patchset <n>', 'junit: patch set number')
    .option('--option <key=value>', 'any other source option (repeatable)', collectOption)
    .action(async (source: string, paths: string[], o: Record<string, unknown>) => {
      if (source === 'dataset') return importDatasetCommand(env, localPaths(env, paths), o.name as string | undefined);
      const abs = localPaths(env, paths);
      const options = sourceOptions(o);
      const remote = await env.remote();
      if (remote) {
        const r = await remote.post<{ summaries: SourceSummary[] }>('/api/import', { source, paths: abs, options });
        return report(env, r.summaries);
      }
      const { importPaths } = await import('../../sync/service.ts');
      const summary = await env.withStore((deps) => importPaths(deps, source, abs, options));
      await report(env, [summary]);
    });

  program
    .command('sync')
    .description('collect from the configured sources (all, or the named ones), incrementally')
    .argument('[sources...]', 'source names')
    .action(async (sources: string[]) => {
      const remote = await env.remote();
      if (remote) return report(env, (await remote.post<{ summaries: SourceSummary[] }>('/api/sync', { sources })).summaries);
      const { syncSources } = await import('../../sync/service.ts');
      await report(env, await env.withStore((deps) => syncSources(deps, sources)));
    });

  program
    .command('renormalize')
    .description('rebuild entity tables from raw_records, with no network')
    .argument('[sources...]', 'source names (default: all)')
    .action(async (sources: string[]) => {
      const remote = await env.remote();
      if (remote) return report(env, (await remote.post<{ summaries: SourceSummary[] }>('/api/renormalize', { sources })).summaries);
      const { renormalizeSources } = await import('../../sync/service.ts');
      await report(env, await env.withStore((deps) => renormalizeSources(deps, sources), { create: false }));
    });
}
