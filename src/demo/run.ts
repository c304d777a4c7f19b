// `shiplog demo`: builds the world, has every emitter write it in its source's real
// wire format into a temporary folder, and ingests those files through the real
// sources — the same path a user's own data takes.
import { mkdtempSync, rmSync } from 'node:fs';
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
}

export async function runDemo(deps: ServiceDeps, opts: DemoOptions): Promise<{ summaries: SourceSummary[]; dir: string }> {
  const say = opts.say ?? (() => undefined);
  const started = Date.now();
  const world = buildWorld({ seed: opts.seed, scale: opts.scale });
  say(`world (seed ${opts.seed}, ${opts.scale}): ${world.repos.length} repos, ${world.changes.length} changes, ${world.tasks.length} tasks, ${world.deployments.length} deployments, ${world.trains.length} trains`);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-'));
  const summaries: SourceSummary[] = [];
  try {
    for (const e of EMITTERS) {
      const t = Date.now();
      const imports = await e.emit(world, dir);
      say(`emitted ${e.name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const t2 = Date.now();
      for (const imp of imports) {
        const s = await importPaths(deps, imp.source, imp.paths, imp.options ?? {}, false);
        if (s.errors.length) say(`  ${imp.source}: ${s.errors.join('; ')}`);
        summaries.push(s);
      }
      say(`ingested ${e.name} (${imports.length} import${imports.length === 1 ? '' : 's'}) in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
    }
    const t3 = Date.now();
    await refreshRollupsAfter(deps); // once, not after each of the ~60 imports
    say(`built the rollups in ${((Date.now() - t3) / 1000).toFixed(1)} s`);
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
  say(`demo ingested in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { summaries, dir };
}
