// `shiplog demo`: builds the world (ending at the clock's now), has every emitter write it
// in its source's real wire format into a temporary folder, and ingests those files through
// the real sources — the same path a user's own data takes. Each source is ingested as soon
// as its files are written, while the next source's are being written; each source's files
// are removed in the background once ingested. Says how long each source took to write and
// to ingest. The derive steps run once, after the last source: a derive after each source
// would run the cross-source steps again and again, and derive gives the same tables in any
// order and batching (test/e2e/order.test.ts).
import { killTracked } from './children.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveNow } from '../sync/derive.ts';
import { importPaths, refreshRollupsAfter, syncWithConfig, type ServiceDeps } from '../sync/service.ts';
import type { SourceSummary } from '../sync/summary.ts';
import { EMITTERS, type DemoImport } from './emitters.ts';
import { buildWorld } from './world.ts';
import type { DemoScale } from './types.ts';

export interface DemoOptions {
  seed: number;
  scale: DemoScale;
  keep?: boolean; // keep the emitted files (their folder is printed)
  say?: (line: string) => void;
  /** What starts now (shown with a ticking timer by the CLI); null when nothing runs. */
  step?: (text: string | null) => void;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function runImport(deps: ServiceDeps, imp: DemoImport): Promise<SourceSummary> {
  return imp.config !== undefined
    ? syncWithConfig(deps, imp.source, imp.config, false)
    : importPaths(deps, imp.source, imp.paths, imp.options ?? {}, false);
}

export async function runDemo(deps: ServiceDeps, opts: DemoOptions): Promise<{ summaries: SourceSummary[]; dir: string }> {
  const say = opts.say ?? (() => undefined);
  const step = opts.step ?? (() => undefined);
  const started = Date.now();
  step(`building the world (seed ${opts.seed}, ${opts.scale})`);
  const world = buildWorld({ seed: opts.seed, scale: opts.scale, now: deps.clock() });
  say(`world (seed ${opts.seed}, ${opts.scale}, ${world.start.toISOString().slice(0, 10)} to ${world.end.toISOString().slice(0, 16)}Z): ${world.repos.length} repos, ${world.changes.length} changes, ${world.changes.reduce((n, c) => n + c.builds.length, 0)} builds, ${world.tasks.length} tasks, ${world.deployments.length} deployments, ${world.trains.length} trains, built in ${secs(Date.now() - started)}`);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-'));
  const summaries: SourceSummary[] = [];
  const removals: Promise<void>[] = [];
  const remove = (path: string) => {
    if (!opts.keep) removals.push(rm(path, { recursive: true, force: true, maxRetries: 2 }));
  };
  let chain: Promise<unknown> = Promise.resolve();
  // Stopped by a signal (Ctrl-C), the demo takes its files with it: the large world writes
  // gigabytes, and an interrupted run left them in the temporary folder.
  // The git processes writing the next source are killed first; the removal retries all the
  // same (ENOTEMPTY while a write lands), and a folder it cannot remove is named on one line, not a stack trace.
  const onSignal = (signal: NodeJS.Signals) => {
    killTracked();
    try {
      if (!opts.keep) rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    } catch (err) {
      process.stderr.write(`shiplog: could not remove ${dir}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Writing runs ahead of ingesting: the next source is written while this one is ingested
    // (the store works in its own threads, git in its own processes).
    const written = EMITTERS.map((e) => {
      const p = chain.then(async () => {
        const t = Date.now();
        return { name: e.name, imports: await e.emit(world, dir), ms: Date.now() - t };
      });
      chain = p;
      p.catch(() => undefined); // a failure is reported once, by the ingest loop that awaits it
      return p;
    });
    for (const [i, next] of written.entries()) {
      step(`writing ${EMITTERS[i].name} in its wire format`);
      const { name, imports, ms } = await next;
      const t = Date.now();
      step(`ingesting ${name}`);
      for (const imp of imports) {
        const s = await runImport({ ...deps, derive: false }, imp);
        if (s.errors.length) say(`  ${imp.source}: ${s.errors.join('; ')}`);
        summaries.push(s);
      }
      for (const imp of imports) imp.paths.forEach(remove); // after all of them: two sources may read one path (git and extensions)
      say(`${name}: written in ${secs(ms)}, ingested in ${secs(Date.now() - t)}`);
    }
    const t2 = Date.now();
    step('deriving (windows, deployments, trains, links, people, stewardship)');
    await deriveNow(deps.store, deps.clock, summaries);
    say(`derived in ${secs(Date.now() - t2)}`);
    const t3 = Date.now();
    step('building the rollups');
    await refreshRollupsAfter(deps); // once, not after each import
    say(`built the rollups in ${secs(Date.now() - t3)}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await chain.catch(() => undefined); // after a failure, no writer is left in the folder
    step(opts.keep ? null : 'removing the temporary files');
    const t4 = Date.now();
    await Promise.allSettled(removals);
    remove(dir);
    await Promise.allSettled(removals);
    if (!opts.keep) say(`removed the temporary files in ${secs(Date.now() - t4)}`);
    step(null);
  }
  say(`demo ingested in ${secs(Date.now() - started)}`);
  return { summaries, dir };
}
