// Incremental derive gives the same deployments, items and links as one full derive,
// whatever order the history arrives in (a recent export first, an old archive later,
// overlapping pieces): random runs of real-format scap lines imported in random pieces.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { salSource } from './index.ts';

function randomLog(seed: number, n: number): string[] {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const users = ['alice', 'bob', 'carol'];
  let t = Date.UTC(2024, 0, 1);
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    t += Math.floor(rand() * (rand() < 0.05 ? 3 * 86_400_000 : 900_000));
    const u = pick(users);
    const msg = `Backport for [[gerrit:${100 + Math.floor(rand() * 6)}|Fix (T${Math.floor(rand() * 4) + 1})]]`;
    const line = pick([
      `Started scap sync-world: ${msg}`, `Finished scap sync-world: ${msg} (duration: 0${Math.floor(rand() * 9)}m 10s)`,
      `${u}: ${msg} synced to the testservers (https://wikitech.wikimedia.org/wiki/Mwdebug)`, `${u}: Rolling back deployment`,
      'sync-world failed: <RuntimeError> x (scap version: 4.1.0) (duration: 01m 00s)', `sync-world aborted: ${msg} (duration: 00m 30s)`,
      `Synchronized wmf-config/a.php: ${msg} (duration: 00m 20s)`, 'START - Cookbook sre.x', 'END (PASS) - Cookbook sre.x (exit_code=0)',
    ]);
    docs.push(JSON.stringify({ _id: `e${seed}-${i}`, _source: { '@timestamp': new Date(t).toISOString().replace('.000Z', 'Z'), nick: `${u}@deploy1002`, message: line } }));
  }
  return docs;
}

async function tables(store: Store) {
  return {
    d: await store.all('SELECT * EXCLUDE (raw_id) FROM deployments ORDER BY deploy_key'),
    i: await store.all('SELECT item_key, change_number, task_id, path FROM deployment_items ORDER BY item_key'),
    l: await store.all('SELECT src_key, dst_key, rule FROM links ORDER BY ALL'),
  };
}

async function importPieces(pieces: string[][]): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'sal-derive-'));
  const store = await openStore(':memory:');
  for (const [k, docs] of pieces.entries()) {
    const file = join(dir, `piece-${k}.ndjson`);
    await writeFile(file, docs.join('\n'));
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch },
      { source: salSource, config: undefined, paths: [file], options: {} });
    expect(s.errors).toEqual([]);
  }
  return store;
}

describe('incremental derive', () => {
  it.each([1, 2, 3])('matches a full derive when the log arrives in pieces (seed %i)', async (seed) => {
    const log = randomLog(seed, 400);
    const full = await importPieces([log]);
    const expected = await tables(full);
    expect(expected.d.length).toBeGreaterThan(50);
    const a = Math.floor(log.length * 0.6);
    const b = Math.floor(log.length * 0.3);
    // the recent part first, then the oldest part, then the middle with some overlap
    const pieced = await importPieces([log.slice(a), log.slice(0, b), log.slice(b - 20, a + 10)]);
    expect(await tables(pieced)).toEqual(expected);
    await full.close();
    await pieced.close();
  });
});
