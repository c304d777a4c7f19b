// Lookups by key through the index: the probe is an index scan where a join with the batch
// scans the table, and the raw archive's claims work for keys of any text (quotes, NUL).
import { describe, expect, it } from 'vitest';
import { openStore } from '../index.ts';
import { inConstants, probeChunks, PROBE_KEYS } from './probe.ts';
import type { RawRow } from '../types.ts';

const plan = async (store: Awaited<ReturnType<typeof openStore>>, sql: string) =>
  (await store.all<{ explain_value: string }>(`EXPLAIN ANALYZE ${sql}`)).map((r) => r.explain_value).join('\n');

describe('probes by key', () => {
  it('answer from the primary-key index; the join with the batch and ON CONFLICT scan the table', async () => {
    const store = await openStore(':memory:');
    await store.run('CREATE TABLE k (key VARCHAR PRIMARY KEY, v INTEGER)');
    await store.run("INSERT INTO k SELECT 'key:' || (range * 7919 % 200000), range FROM range(200000)");
    const batch = Array.from({ length: PROBE_KEYS }, (_, i) => `key:${i * 97}`);
    const probe = await plan(store, `SELECT key, v FROM k WHERE ${inConstants('key', batch)}`);
    expect(probe).toMatch(/Index Scan/);
    expect(probe).not.toMatch(/Sequential Scan/);
    const join = (await store.all<{ explain_value: string }>('EXPLAIN ANALYZE SELECT key, v FROM k WHERE key IN (SELECT unnest($1::VARCHAR[]))', [batch])).map((r) => r.explain_value).join('\n');
    expect(join).toMatch(/Sequential Scan/);
    await store.run('CREATE TABLE stage AS SELECT unnest($1::VARCHAR[]) AS key, 1 AS v', [batch]);
    const upsert = await plan(store, 'INSERT INTO k SELECT * FROM stage ON CONFLICT DO NOTHING');
    expect(upsert).toMatch(/Sequential Scan/); // why probes, not ON CONFLICT (duckdb/duckdb#18480)
    expect(await store.all(`SELECT count(*)::INTEGER AS n FROM k WHERE ${inConstants('key', ["key:0", "it's", 'key:97'])}`)).toEqual([{ n: 2 }]);
    await store.close();
  });

  it('cut a batch into chunks DuckDB still answers from the index', () => {
    const keys = Array.from({ length: 2 * PROBE_KEYS + 1 }, (_, i) => String(i));
    expect(probeChunks(keys).map((c) => c.length)).toEqual([PROBE_KEYS, PROBE_KEYS, 1]);
    expect(probeChunks(keys).flat()).toEqual(keys);
  });
});

describe('claims of raw items with any key', () => {
  const raw = (key: string, hash: string): RawRow => ({
    raw_id: `git:commit:${key}#${hash}`, source: 'git', scope: 's', kind: 'commit', key, fetched_at: new Date(0),
    url: null, payload: `${key}:${hash}`, content_hash: hash,
  });

  it('stores, leaves and replaces versions of items whose keys hold quotes and NUL', async () => {
    const store = await openStore(':memory:');
    const keys = ["it's", "a''b", 'nul\0inside', 'plain'];
    expect((await store.storeRaw(keys.map((k) => raw(k, '0000000000000001')))).fresh).toHaveLength(4);
    expect(await store.storeRaw(keys.map((k) => raw(k, '0000000000000001')))).toEqual({ fresh: [], superseded: [] });
    const moved = await store.storeRaw(keys.map((k) => raw(k, '0000000000000002')));
    expect(moved.fresh.sort()).toEqual(keys.map((k) => `git:commit:${k}#0000000000000002`).sort());
    expect(moved.superseded.sort()).toEqual(keys.map((k) => `git:commit:${k}#0000000000000001`).sort());
    expect(await store.all('SELECT count(*)::INTEGER AS n FROM raw_heads')).toEqual([{ n: 4 }]);
    expect(await store.all('SELECT count(*)::INTEGER AS n FROM raw_records')).toEqual([{ n: 8 }]);
    await store.close();
  });
});

describe('upserts by probes', () => {
  it('count new / updated / unchanged exactly, with keys that hold quotes and NUL and batches over a probe', async () => {
    const store = await openStore(':memory:');
    const names = [...Array.from({ length: PROBE_KEYS + 5 }, (_, i) => `r${i}`), "it's", 'nul\0inside'];
    const rows = (n: number) => names.map((name, i) => ({ name, row_count: i % 2 === 0 ? n : 0 }));
    expect(await store.upsert('rollup_state', rows(1))).toEqual({ new: names.length, updated: 0, unchanged: 0 });
    const evens = names.filter((_n, i) => i % 2 === 0).length;
    expect(await store.upsert('rollup_state', rows(2))).toEqual({ new: 0, updated: evens, unchanged: names.length - evens });
    expect(await store.upsert('rollup_state', [...rows(2), { name: 'new', row_count: 1 }])).toEqual({ new: 1, updated: 0, unchanged: names.length });
    expect(await store.all("SELECT row_count::INTEGER AS n FROM rollup_state WHERE name = 'nul' || chr(0) || 'inside' OR name = 'it''s' ORDER BY name")).toEqual([{ n: 0 }, { n: 2 }]);
    expect(await store.all('SELECT count(*)::INTEGER AS n FROM rollup_state')).toEqual([{ n: names.length + 1 }]);
    await store.close();
  });
});
