// `shiplog demo`: builds the world, has every emitter write it in its source's real
// wire format into a temporary folder, and ingests those files through the real
// sources — the same path a user's own data takes. Each emitter's files are removed in
// the background as soon as they are ingested: deleting the ~40,000 Jenkins files at the
// end took 7–60 s on a disk mounted with `discard`, all of it silent.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths, refreshRollupsAfter, type ServiceDeps } from '../sync/service.ts';
import type { SourceSummary } from '../sync/summary.ts';
import { EMITTERS } from './emitters.ts';
import { buildWorld } from './world.ts';

export interface DemoOptions {
  seed: number;
  scale: 'small' | 'large';
  keep?: boolean; // keep the emitted files (their folder is printed)
  say?: (line: string) => void;
  /** What starts now (shown with a ticking timer by the CLI); null when nothing runs. */
  step?: (text: string | null) => void;
}

export async function runDemo(deps: ServiceDeps, opts: DemoOptions): Promise<{ summaries: SourceSummary[]; dir: string }> {
  const say = opts.say ?? (() => undefined);
  const step = opts.step ?? (() => undefined);
  const started = Date.now();
  step(`building the world (seed ${opts.seed}, ${opts.scale})`);
  const world = buildWorld({ seed: opts.seed, scale: opts.scale });
  say(`world (seed ${opts.seed}, ${opts.scale}): ${world.repos.length} repos, ${world.changes.length} changes, ${world.tasks.length} tasks, ${world.deployments.length} deployments, ${world.trains.length} trains`);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-'));
  const summaries: SourceSummary[] = [];
  const removals: Promise<void>[] = [];
  const remove = (path: string) => {
    if (!opts.keep) removals.push(rm(path, { recursive: true, force: true, maxRetries: 2 }));
  };
  try {
    for (const e of EMITTERS) {
      const t = Date.now();
      step(`writing ${e.name} in its wire format`);
      const imports = await e.emit(world, dir);
      say(`emitted ${e.name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const t2 = Date.now();
      step(`ingesting ${e.name}`);
      for (const imp of imports) {
        const s = await importPaths(deps, imp.source, imp.paths, imp.options ?? {}, false);
        if (s.errors.length) say(`  ${imp.source}: ${s.errors.join('; ')}`);
        summaries.push(s);
        imp.paths.forEach(remove);
      }
      say(`ingested ${e.name} (${imports.length} import${imports.length === 1 ? '' : 's'}) in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
    }
    const t3 = Date.now();
    step('building the rollups');
    await refreshRollupsAfter(deps); // once, not after each of the ~60 imports
    say(`built the rollups in ${((Date.now() - t3) / 1000).toFixed(1)} s`);
  } finally {
    step(opts.keep ? null : 'removing the temporary files');
    const t4 = Date.now();
    await Promise.allSettled(removals);
    remove(dir);
    await Promise.allSettled(removals);
    if (!opts.keep) say(`removed the temporary files in ${((Date.now() - t4) / 1000).toFixed(1)} s`);
    step(null);
  }
  say(`demo ingested in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { summaries, dir };
}
