// The SAL emitter writes the demo world in real SAL forms that the sal source reads back
// into the same deployments: every world deployment with a SAL trace is found again with
// its kind, deployer, outcome and changes; window markers land as window-start/-end entries.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { salSource } from '../../sources/sal/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { emitSal } from './sal.ts';

describe('emitSal', () => {
  it('round-trips the world deployments through the sal source', async () => {
    const world = buildWorld({ seed: 3, now: NOW });
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-demo-sal-'));
    const store = await openStore(':memory:');
    for (const imp of await emitSal(world, dir)) {
      const s = await runSource({ store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch },
        { source: salSource, config: undefined, paths: imp.paths, options: imp.options ?? {} });
      expect(s.errors).toEqual([]);
      expect(s.rejected).toBe(0);
    }
    // each file is a scope with a name, not a temporary path
    expect((await store.all<{ scope: string }>('SELECT scope FROM sync_state ORDER BY 1')).map((r) => r.scope))
      .toEqual(['sal.toolforge.org production', 'sal.toolforge.org production scap3', 'wikitech Server_Admin_Log/Archive_1']);
    // scap announces no failed sync-file, and sync-wikiversions only once it succeeded
    const visible = world.deployments.filter((d) => !(d.outcome === 'failed' && d.kind === 'sync-file')
      && !(d.outcome !== 'ok' && d.kind === 'train-promote' && d.group !== 'testwikis'));
    const rows = await store.all<{ kind: string; outcome: string; n: number }>('SELECT kind, outcome, count(*) AS n FROM deployments GROUP BY ALL ORDER BY ALL');
    const expected = new Map<string, number>();
    for (const d of visible) {
      const outcome = d.kind === 'scap3-deploy' && d.outcome === 'failed' ? 'unfinished' : d.outcome;
      const k = `${d.kind}/${outcome}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(Object.fromEntries(rows.map((r) => [`${r.kind}/${r.outcome}`, r.n]))).toEqual(Object.fromEntries([...expected].sort()));
    // every backport and SWAT sync-file names its change
    const carried = visible.filter((d) => d.kind === 'backport' || d.kind === 'sync-file').flatMap((d) => d.changes).sort((a, b) => a - b);
    const items = await store.all<{ change_number: number }>("SELECT i.change_number FROM deployment_items i JOIN deployments d USING (deploy_key) WHERE d.kind IN ('backport', 'sync-file') AND i.change_number IS NOT NULL ORDER BY 1");
    expect(items.map((i) => i.change_number)).toEqual(carried);
    expect(world.deployments.filter((d) => d.kind === 'sync-file').every((d) => d.changes.length === 1)).toBe(true);
    const [{ markers }] = await store.all<{ markers: number }>("SELECT count(*) AS markers FROM log_entries WHERE kind IN ('window-start', 'window-end')");
    expect(markers).toBeGreaterThan(0);
    const [{ oldEra }] = await store.all<{ oldEra: number }>("SELECT count(*) AS oldEra FROM log_entries WHERE message LIKE 'Started scap: %'");
    expect(oldEra).toBeGreaterThan(0);
    await store.close();
  });
});
