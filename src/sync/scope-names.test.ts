// A file import's scope is its path unless --name names it (one scope per import), and a
// source can be run over a config section given by the caller (many mirrors, one run).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.ts';
import { ShiplogError } from '../lib/errors.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore } from '../store/index.ts';
import { importPaths, syncWithConfig } from './service.ts';

const fixtures = new URL('../sources/incidents/fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shiplog-scope-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function depsOf() {
  const store = await openStore(':memory:');
  return { store, config: configSchema.parse({}), log: silentLogger(), clock: () => new Date('2026-05-06T00:00:00Z'), fetch: globalThis.fetch };
}

describe('scope names', () => {
  it('stores a named file import under its name, and an unnamed one under its path', async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    cpSync(fixtures, one, { recursive: true });
    mkdirSync(two);
    const report = 'Incidents-2024-12-04_Echo_fatals.wikitext';
    writeFileSync(join(two, report), `${readFileSync(join(fixtures, report), 'utf8')}\nEdited later.\n`);
    const deps = await depsOf();
    await importPaths(deps, 'incidents', [one], { name: 'wikitech incident reports' });
    await importPaths(deps, 'incidents', [two], {});
    const scopes = await deps.store.all<{ scope: string; items_total: number }>('SELECT scope, items_total FROM sync_state ORDER BY scope');
    expect(scopes).toEqual([{ scope: two, items_total: 1 }, { scope: 'wikitech incident reports', items_total: 3 }]);
    const raw = await deps.store.all<{ scope: string }>("SELECT DISTINCT scope FROM raw_records WHERE source = 'incidents' ORDER BY 1");
    expect(raw.map((r) => r.scope)).toEqual([two, 'wikitech incident reports']);
    // a name cannot tell two scopes apart: with two paths it is not used
    await importPaths(deps, 'incidents', [one, two], { name: 'both' });
    expect((await deps.store.all("SELECT scope FROM sync_state WHERE scope = 'both'"))).toEqual([]);
    await deps.store.close();
  });

  it('runs a source over a config section given by the caller, and refuses one that does not parse', async () => {
    const deps = await depsOf();
    const s = await syncWithConfig(deps, 'incidents', { paths: [fixtures] }, false);
    expect(s.errors).toEqual([]);
    expect(s.raw).toBe(3); // two reports and a file that is not one (a reject)
    await expect(syncWithConfig(deps, 'incidents', { paths: 'not a list' }, false)).rejects.toThrow(ShiplogError);
    await expect(syncWithConfig(deps, 'incidents', { paths: 'not a list' }, false)).rejects.toThrow(/sources\.incidents: paths/);
    await deps.store.close();
  });
});
