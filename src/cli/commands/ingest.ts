// `shiplog import <source> <path…>`, `shiplog sync [source…]`, `shiplog renormalize [source…]`:
// run locally, or on the running server that owns the database.
import type { Command } from 'commander';
import { formatSummary, type SourceSummary } from '../../sync/summary.ts';
import { importPaths, renormalizeSources, syncSources } from '../../sync/service.ts';
import { resolve } from 'node:path';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

function report(env: CliEnv, summaries: SourceSummary[]): void {
  env.print(env.json ? toJson({ summaries }) : formatSummary(summaries));
  if (summaries.some((s) => s.errors.length > 0)) process.exitCode = 1;
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

export function register(program: Command, env: CliEnv): void {
  program
    .command('import')
    .description('import files or a local repository through a source (git, gerrit-notedb, sal, junit, …)')
    .argument('<source>', 'source name')
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
      const abs = paths.map((p) => resolve(env.io.cwd, p));
      const options = sourceOptions(o);
      const remote = await env.remote();
      if (remote) {
        const r = await remote.post<{ summaries: SourceSummary[] }>('/api/import', { source, paths: abs, options });
        return report(env, r.summaries);
      }
      const summary = await env.withStore((deps) => importPaths(deps, source, abs, options));
      report(env, [summary]);
    });

  program
    .command('sync')
    .description('collect from the configured sources (all, or the named ones), incrementally')
    .argument('[sources...]', 'source names')
    .action(async (sources: string[]) => {
      const remote = await env.remote();
      if (remote) return report(env, (await remote.post<{ summaries: SourceSummary[] }>('/api/sync', { sources })).summaries);
      report(env, await env.withStore((deps) => syncSources(deps, sources)));
    });

  program
    .command('renormalize')
    .description('rebuild entity tables from raw_records, with no network')
    .argument('[sources...]', 'source names (default: all)')
    .action(async (sources: string[]) => {
      const remote = await env.remote();
      if (remote) return report(env, (await remote.post<{ summaries: SourceSummary[] }>('/api/renormalize', { sources })).summaries);
      report(env, await env.withStore((deps) => renormalizeSources(deps, sources)));
    });
}
