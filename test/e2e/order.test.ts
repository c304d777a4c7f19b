// Same answer in any order: the demo's sources, written once in their real wire formats,
// are ingested into fresh stores in many orders — every permutation of the sources whose
// joins used to depend on the order (gerrit-notedb, git and mediawiki-config, sal, calendar),
// random orders of all of them, the whole world in tiny random batches — and every public
// table must come out identical, and equal to a `renormalize` of the same store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { EMITTERS, type DemoImport } from '../../src/demo/emitters.ts';
import { rng } from '../../src/demo/rng.ts';
import { buildWorld } from '../../src/demo/world.ts';
import { silentLogger } from '../../src/lib/log.ts';
import { CATALOGUE } from '../../src/model/catalogue/index.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { BatchBudget } from '../../src/sync/batches.ts';
import { renormalize } from '../../src/sync/renormalize.ts';
import { importPaths, syncWithConfig, type ServiceDeps } from '../../src/sync/service.ts';

const clock = () => new Date('2026-03-02T12:00:00Z');
let dir: string;
let groups: { name: string; imports: DemoImport[] }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-order-'));
  const world = buildWorld({ seed: 7, scale: 'tiny', now: clock() });
  groups = [];
  for (const e of EMITTERS) groups.push({ name: e.name, imports: await e.emit(world, dir) });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(order: string[], budget?: BatchBudget): Promise<Store> {
  const store = await openStore(':memory:');
  const deps = { store, config: configSchema.parse({}), log: silentLogger(), clock, fetch, batchBudget: budget } as ServiceDeps;
  for (const name of order) {
    for (const imp of groups.find((g) => g.name === name)!.imports) {
      const s = imp.config !== undefined
        ? await syncWithConfig(deps, imp.source, imp.config, false)
        : await importPaths(deps, imp.source, imp.paths, imp.options ?? {}, false);
      expect(s.errors, `${name}: ${imp.source}`).toEqual([]);
    }
  }
  return store;
}

/** Every public table, rows as sorted JSON lines (the order rows were written in does not count). */
async function snapshot(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of CATALOGUE) {
    if (t.internal) continue;
    const rows = await store.all(`SELECT * FROM "${t.name}"`);
    out[t.name] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
  }
  return out;
}

function expectSame(a: Record<string, string[]>, b: Record<string, string[]>, what: string): void {
  for (const table of Object.keys(a)) {
    const missing = a[table].filter((r) => !b[table].includes(r)).slice(0, 3);
    const extra = b[table].filter((r) => !a[table].includes(r)).slice(0, 3);
    expect({ table, missing, extra, rows: b[table].length }, what).toEqual({ table, missing: [], extra: [], rows: a[table].length });
  }
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const names = () => groups.map((g) => g.name);

describe('import order', () => {
  let reference: Record<string, string[]>;
  let referenceStore: Store;

  beforeAll(async () => {
    referenceStore = await ingest(names());
    reference = await snapshot(referenceStore);
  }, 300_000);
  afterAll(() => referenceStore?.close());

  it('the world holds the joins the order used to lose', () => {
    const rows = (t: string) => reference[t].map((r) => JSON.parse(r) as Record<string, unknown>);
    expect(rows('deployments').some((d) => d.window_key)).toBe(true);
    expect(rows('links').some((l) => l.rule === 'config-deploy-change')).toBe(true);
    expect(rows('links').some((l) => l.rule === 'change-id')).toBe(true);
  });

  it('every order of gerrit-notedb, git, mediawiki-config, sal and calendar gives the same tables', async () => {
    const key = ['gerrit-notedb', 'git', 'mediawiki-config', 'sal', 'calendar'];
    const rest = names().filter((n) => !key.includes(n));
    const r = rng(11);
    // all 120 orders of the five would take minutes; every order of four, the fifth placed at random
    for (const perm of permutations(key.slice(0, 4))) {
      const at = Math.floor(r() * 5);
      const order = [...perm.slice(0, at), key[4], ...perm.slice(at)];
      const store = await ingest([...order, ...rest]);
      expectSame(reference, await snapshot(store), order.join(' → '));
      await store.close();
    }
  }, 900_000);

  it('random orders of every source, and tiny batches, give the same tables', async () => {
    const r = rng(5);
    for (let i = 0; i < 2; i++) {
      const order = [...names()].sort(() => r() - 0.5);
      const store = await ingest(order, i === 1 ? { maxChars: 4096, maxItems: 3 } : undefined);
      expectSame(reference, await snapshot(store), order.join(' → '));
      await store.close();
    }
  }, 600_000);

  it('renormalize gives the tables of the first ingest', async () => {
    const store = await ingest([...names()].reverse());
    await renormalize(store, SOURCES, clock);
    expectSame(reference, await snapshot(store), 'renormalize');
    await store.close();
  }, 300_000);
});
