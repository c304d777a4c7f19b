// The demo's stewardship inputs, written in their real formats and ingested through the
// real sources: the archived extension shows OpenStackManager's three dates, the broken one
// carries a rejected manifest and CI's extension-broken, the solo one needs attention, and
// LibUp's two releases.json formats both read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stewardshipOverview } from '../../api/query/stewardship.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { importPaths } from '../../sync/service.ts';
import { configSchema } from '../../config/schema.ts';
import { buildWorld } from '../world.ts';
import { emitStewardship } from './stewardship.ts';

let store: Store;
let dir: string;
const clock = () => new Date('2026-05-01T00:00:00Z');
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-steward-'));
  store = await openStore(':memory:');
  const world = buildWorld({ seed: 1, now: clock() });
  for (const imp of await emitStewardship(world, dir)) {
    const s = await importPaths({ store, config: configSchema.parse({}), log: silentLogger(), clock, fetch }, imp.source, imp.paths, imp.options ?? {}, false);
    expect(s.errors).toEqual([]);
  }
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo stewardship', () => {
  it('gives the archived extension its three dates, from three sources', async () => {
    const [l] = await store.all<Record<string, Date | string | boolean>>("SELECT * FROM repo_lifecycle WHERE repo = 'mediawiki/extensions/LabsManager'");
    expect(l).toMatchObject({ status: 'archived', archived: true, deployed: false });
    expect((l.last_human_commit_at as Date).toISOString().slice(0, 10)).toBe('2024-01-12');
    expect((l.last_bot_commit_at as Date).toISOString().slice(0, 10)).toBe('2024-03-27');
    expect((l.archived_at as Date).toISOString().slice(0, 10)).toBe('2024-06-24');
  });

  it('rejects the broken one\'s conflicted manifest and marks it broken', async () => {
    expect(await store.all("SELECT reason FROM rejects WHERE source = 'extensions'")).toEqual([{ reason: expect.stringMatching(/^extension\.json at commit [0-9a-f]{40} of mediawiki\/extensions\/SemanticGuard: merge conflict markers$/) }]);
    expect(await store.all("SELECT status FROM repo_lifecycle WHERE repo = 'mediawiki/extensions/SemanticGuard'")).toEqual([{ status: 'broken' }]);
  });

  it('flags the deployed extension one person keeps while it lags', async () => {
    const o = await stewardshipOverview({ store, clock }, { attention: true });
    const solo = (o.rows as Record<string, unknown>[]).find((r) => r.repo === 'mediawiki/extensions/SoloGadget');
    expect(solo).toMatchObject({ deployed: true, commit_absence_factor: 1, attention: expect.arrayContaining(['Wikimedia-deployed, absence factor ≤ 1, compliance lagging']) });
  });

  it('reads LibUp targets in both formats, master and main as one branch', async () => {
    const rows = await store.all<{ target: string; since: string }>("SELECT target, strftime(since_at, '%Y-%m-%d') AS since FROM standards_targets WHERE source = 'libup' AND branch = 'main' AND fact = 'dep.mediawiki/mediawiki-codesniffer' ORDER BY since_at");
    expect(rows.map((r) => r.target)).toEqual(['26.0.0', '31.0.0', '36.0.0', '39.0.0', '41.0.0', '43.0.0', '46.0.0']);
  });
});
