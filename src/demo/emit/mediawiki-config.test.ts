// The mediawiki-config emitter writes world.trains as a wikiversions.json history that the
// git source reads back into the same trains: every version rolled forward, its rollbacks,
// the groups it reached; and every commit, train steps included, as a config deployment of
// its change, none before the world's start.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { gitSource } from '../../sources/git/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { emitMediawikiConfig, REPO } from './mediawiki-config.ts';

describe('emitMediawikiConfig', () => {
  it('round-trips world.trains and the config changes through import git', { timeout: 120_000 }, async () => {
    const world = buildWorld({ seed: 3, now: NOW });
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-demo-mwconfig-'));
    try {
      const [imp] = await emitMediawikiConfig(world, dir);
      const store = await openStore(':memory:');
      const summary = await runSource({ store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch },
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
        // git keeps the merge (commit) time to the second; scap syncs a minute later
        const change = world.changes.find((c) => c.number === t.steps.find((s) => s.kind === 'rollforward')!.change)!;
        expect(row!.first_rollforward_at, t.version).toEqual(new Date(Math.floor(change.mergedAt!.getTime() / 1000) * 1000));
      }
      expect(world.trains.some((t) => t.steps.some((s) => s.kind === 'rollback'))).toBe(true);
      // every commit is a change, train steps included: each config deployment names its change
      const merged = world.changes.filter((c) => c.repo === REPO && c.branch === 'master' && c.status === 'merged');
      expect(merged.filter((c) => c.train).length).toBe(world.trains.reduce((a, t) => a + t.steps.length, 0));
      const [{ n, deploys }] = await store.all<{ n: number; deploys: number }>("SELECT count(*) FILTER (WHERE i.change_id IS NOT NULL) AS n, count(DISTINCT d.deploy_key) AS deploys FROM deployments d LEFT JOIN deployment_items i USING (deploy_key) WHERE d.kind = 'config-merge'");
      expect(deploys).toBe(merged.length);
      expect(n).toBe(merged.length);
      const [first] = await store.all<{ at: Date }>("SELECT min(started_at) AS at FROM deployments WHERE kind = 'config-merge'");
      expect(first.at >= world.start).toBe(true);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
