// Moving between engines: the contract dataset in a DuckDB file, `shiplog migrate --to
// clickhouse` into a chdb directory (row counts checked per table) and back with copyStore,
// the same answers on both, and `shiplog export --lake` as Parquet by month read back.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { shiplogInProcess } from '../../test/helpers/cli.ts';
import { CATALOGUE } from '../model/catalogue/index.ts';
import { ENGINES_UNDER_TEST } from './contract/engines.ts';
import { seedContractWorld } from './contract/world.ts';
import { copyStore } from './copy.ts';
import { openStore, type Store } from './index.ts';

const clickhouse = ENGINES_UNDER_TEST[1];

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of CATALOGUE) out[t.name] = Number((await store.all<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`))[0].n);
  return out;
}

describe.skipIf(clickhouse.missing)(`moving a store between engines${clickhouse.missing ? ` (skipped: ${clickhouse.missing})` : ''}`, () => {
  it('migrates DuckDB → ClickHouse with the CLI and back with copyStore, every table counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-migrate-'));
    const file = join(dir, 'source.duckdb');
    const source = await openStore(file);
    await seedContractWorld(source);
    const expected = await counts(source);
    await source.close();
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);

    const r = await shiplogInProcess(['--db', file, '--json', 'migrate', '--to', 'clickhouse', '--to-db', join(dir, 'target')], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const tables = (JSON.parse(r.stdout) as { tables: { table: string; source: number; target: number }[] }).tables;
    expect(Object.fromEntries(tables.map((t) => [t.table, t.target]))).toEqual(expected);

    const ch = await openStore(join(dir, 'target'), { engine: 'clickhouse' });
    const back = await openStore(join(dir, 'back.duckdb'));
    try {
      expect(await counts(ch)).toEqual(expected);
      const sample = 'SELECT name, status, run_at, repo FROM test_results ORDER BY result_key';
      await copyStore(ch, back);
      expect(await back.all(sample)).toEqual(await ch.all(sample));
      expect(await counts(back)).toEqual(expected);
    } finally {
      await ch.close();
      await back.close();
    }
  }, 180_000);

  it('exports every table as Parquet by month', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-lake-'));
    const file = join(dir, 's.duckdb');
    const store = await openStore(file);
    await seedContractWorld(store);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM test_results');
    await store.close();
    const r = await shiplogInProcess(['--db', file, 'export', '--lake', join(dir, 'lake')], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'lake')).sort()).toEqual(CATALOGUE.map((t) => t.name).sort());
    expect(readdirSync(join(dir, 'lake', 'test_results'))).toEqual(['2024-02.parquet']);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${join(dir, 'lake', 'test_results', '*.parquet')}')`);
    expect(Number(read.getRowObjectsJS()[0].n)).toBe(n);
    conn.closeSync();
  }, 120_000);
});
