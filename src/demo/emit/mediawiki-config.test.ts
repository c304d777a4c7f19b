// The mediawiki-config emitter writes world.trains as a wikiversions.json history that the
// git source reads back into the same trains: every version rolled forward, its rollbacks,
// the groups it reached; and every merged change of the repository as a config deployment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { gitSource } from '../../sources/git/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';
import { emitMediawikiConfig, REPO } from './mediawiki-config.ts';

describe('emitMediawikiConfig', () => {
  it('round-trips world.trains and the config changes through import git', { timeout: 120_000 }, async () => {
    const world = buildWorld({ seed: 3, scale: 'small' });
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-demo-mwconfig-'));
    try {
      const [imp] = await emitMediawikiConfig(world, dir);
      const store = await openStore(':memory:');
      const summary = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-06-01T00:00:00Z'), fetch: globalThis.fetch },
        { source: gitSource, config: undefined, paths: imp.paths, options: imp.options ?? {} });
      expect(summary.errors).toEqual([]);
      expect(summary.rejected).toBe(0);
      const trains = new Map((await store.all<Record<string, unknown>>('SELECT * FROM trains')).map((t) => [t.version, t]));
      for (const t of world.trains.filter((x) => x.steps.some((s) => s.kind === 'rollforward'))) {
        const row = trains.get(t.version);
        expect(row, t.version).toBeDefined();
        expect(row!.rollbacks, t.version).toBe(t.steps.filter((s) => s.kind === 'rollback').length);
        expect(row!.reached_group2, t.version).toBe(t.steps.some((s) => s.group === 'group2' && s.kind === 'rollforward'));
        expect(row!.blocker_task, t.version).toBe(`T${t.blockerTask}`);
        expect(row!.first_rollforward_at, t.version).toEqual(t.steps.find((s) => s.kind === 'rollforward')!.at);
      }
      expect(world.trains.some((t) => t.steps.some((s) => s.kind === 'rollback'))).toBe(true);
      const merged = world.changes.filter((c) => c.repo === REPO && c.status === 'merged').length;
      const [{ n }] = await store.all<{ n: number }>("SELECT count(*) AS n FROM deployment_items i JOIN deployments d USING (deploy_key) WHERE d.kind = 'config-merge' AND i.change_id IS NOT NULL");
      const trainCommits = world.trains.reduce((a, t) => a + t.steps.length, 0);
      expect(n).toBe(merged + trainCommits);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
