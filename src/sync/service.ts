// The operations both the CLI and the API offer: import files, sync from configured
// sources, renormalize, and the status of every source. Thin over the pipeline; each
// operation ends by rebuilding the rollups its new data made stale (src/rollups). With
// `locks` (the server's), each holds its sources' locks: one sync of a source at a time.
import type { Config } from '../config/schema.ts';
import { ShiplogError } from '../lib/errors.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../store/index.ts';
import { findSource, SOURCES } from '../sources/registry.ts';
import type { Source } from '../sources/types.ts';
import { loadMapping } from '../people/manage.ts';
import { refreshStale } from './rollups.ts';
import type { SourceLocks } from './locks.ts';
import { runSource } from './pipeline.ts';
import { renormalize } from './renormalize.ts';
import type { SourceSummary } from './summary.ts';

export interface ServiceDeps {
  store: Store;
  config: Readonly<Config>;
  log: Logger;
  clock: () => Date;
  fetch: typeof fetch;
  onProgress?: (ev: { source: string; scope: string; done: number; total?: number }) => void;
  /** The server's per-source locks (the scheduler and the sync/import routes share them). */
  locks?: SourceLocks;
  /** Who runs this, for a conflict message ("the schedule", "POST /api/sync"). */
  holder?: string;
  /** Aborts collecting (the server is stopping); a scope cut short resumes from its cursor. */
  signal?: AbortSignal;
  /** false: imports leave the derive steps to the caller, who derives once after them all. */
  derive?: boolean;
}

function locked<T>(deps: ServiceDeps, sources: string[], fn: () => Promise<T>): Promise<T> {
  return deps.locks ? deps.locks.run(sources, deps.holder ?? 'another request', fn) : fn();
}

function sourceOrThrow(name: string): Source<any> {
  const s = findSource(name);
  if (!s) throw new ShiplogError('bad_request', `unknown source "${name}" (known: ${SOURCES.map((x) => x.name).join(', ')})`);
  return s;
}

function sourceConfig(config: Readonly<Config>, name: string): unknown {
  return (config.sources as Record<string, unknown>)[name];
}

/** The mapping file (people.file) into people_decisions when it changed: the next derive applies it. */
async function peopleFile(deps: ServiceDeps): Promise<void> {
  await loadMapping(deps.store, deps.config.people?.file ?? 'people.yaml', deps.clock());
}

/** Rebuilds the stale rollups once, after the data of an operation is in. */
export async function refreshRollupsAfter(deps: ServiceDeps): Promise<Record<string, number>> {
  const rebuilt = await refreshStale({ store: deps.store, clock: deps.clock });
  if (Object.keys(rebuilt).length > 0) deps.log.info({ rebuilt }, 'rollups rebuilt (ms)');
  return rebuilt;
}

/** `refresh: false` leaves the rollups for a caller that imports many times (the demo). */
export async function importPaths(
  deps: ServiceDeps,
  sourceName: string,
  paths: string[],
  options: Record<string, unknown> = {},
  refresh = true,
): Promise<SourceSummary> {
  const source = sourceOrThrow(sourceName);
  if (paths.length === 0) throw new ShiplogError('bad_request', `import ${sourceName}: give at least one path`);
  return locked(deps, [sourceName], async () => {
    await peopleFile(deps);
    const summary = await runSource(deps, { source, config: sourceConfig(deps.config, sourceName), paths, options });
    if (refresh) await refreshRollupsAfter(deps);
    return summary;
  });
}

/**
 * Runs one source over a config section given here rather than the loaded one: the demo's
 * many mirrors in one run (one derive), as `sync` would read them from shiplog.yaml.
 */
export async function syncWithConfig(deps: ServiceDeps, sourceName: string, config: unknown, refresh = true): Promise<SourceSummary> {
  const source = sourceOrThrow(sourceName);
  const parsed = source.configSchema.safeParse(config);
  if (!parsed.success) throw new ShiplogError('config_invalid', `sources.${sourceName}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return locked(deps, [sourceName], async () => {
    await peopleFile(deps);
    const summary = await runSource(deps, { source, config: parsed.data, paths: [], options: {} });
    if (refresh) await refreshRollupsAfter(deps);
    return summary;
  });
}

/** Syncs the named sources, or every source that has a config section. */
export async function syncSources(deps: ServiceDeps, names: string[] = []): Promise<SourceSummary[]> {
  const configured = Object.keys(deps.config.sources ?? {});
  const chosen = names.length > 0 ? names.map(sourceOrThrow) : SOURCES.filter((s) => configured.includes(s.name));
  if (chosen.length === 0) {
    throw new ShiplogError('config_invalid', 'nothing to sync: no source is configured under "sources:" in shiplog.yaml');
  }
  for (const source of chosen) {
    if (sourceConfig(deps.config, source.name) === undefined) {
      throw new ShiplogError('config_invalid', `sync ${source.name}: no "sources.${source.name}" section in the config`);
    }
  }
  return locked(deps, chosen.map((s) => s.name), async () => {
    const out: SourceSummary[] = [];
    await peopleFile(deps);
    for (const source of chosen) {
      out.push(await runSource(deps, { source, config: sourceConfig(deps.config, source.name), paths: [], options: {} }));
    }
    await refreshRollupsAfter(deps);
    return out;
  });
}

export async function renormalizeSources(deps: ServiceDeps, names: string[] = []): Promise<SourceSummary[]> {
  const sources = names.length > 0 ? names.map(sourceOrThrow) : SOURCES;
  return locked(deps, sources.map((s) => s.name), async () => {
    const out = await renormalize(deps.store, sources, deps.clock, (source, done, total) =>
      deps.onProgress?.({ source, scope: 'renormalize', done, total }),
    );
    await refreshRollupsAfter(deps);
    return out;
  });
}
