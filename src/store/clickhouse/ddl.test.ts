// Statements that change an append table in place go, on a cluster, to every shard's local
// table ON CLUSTER (a Distributed table takes no mutation); everything else is left as written.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, tableDef } from '../../model/catalogue/index.ts';
import { mutationOnCluster, partsTable, type Target } from './ddl.ts';
import { layoutOf } from './layout.ts';

const cluster: Target = { flavour: { version: [26, 7], modern: true }, database: 'shiplog', cluster: 'c2' };
const single: Target = { ...cluster, cluster: undefined };

describe('mutationOnCluster', () => {
  it('sends a mutation of an append table to the local tables ON CLUSTER, comments kept', () => {
    expect(mutationOnCluster("-- the flag\nALTER TABLE commits UPDATE first_parent = 1 WHERE repo = 'r'", cluster))
      .toBe(`-- the flag\nALTER TABLE "shiplog"."commits__local" ON CLUSTER "c2" UPDATE first_parent = 1 WHERE repo = 'r'`);
    expect(mutationOnCluster('DELETE FROM "test_results" WHERE build_key = 1', cluster))
      .toBe('DELETE FROM "shiplog"."test_results__local" ON CLUSTER "c2" WHERE build_key = 1');
  });

  it('leaves upsert tables (replicated whole, no Distributed table), other statements and single servers alone', () => {
    const upsert = 'ALTER TABLE changes DELETE WHERE 1';
    expect(mutationOnCluster(upsert, cluster)).toBe(upsert);
    const insert = 'INSERT INTO test_results SELECT * FROM test_results';
    expect(mutationOnCluster(insert, cluster)).toBe(insert);
    const other = 'DELETE FROM test_results_rollup WHERE 1';
    expect(mutationOnCluster(other, cluster)).toBe(other);
    const plain = 'DELETE FROM test_results WHERE 1';
    expect(mutationOnCluster(plain, single)).toBe(plain);
  });
});

describe('layouts', () => {
  it('partition a table only by the month of its month column (what recent.ts reads back)', () => {
    const partitioned = CATALOGUE.map((t) => tableDef(t.name)).filter((t) => layoutOf(t).partitionBy);
    expect(partitioned.map((t) => t.name)).toContain('test_results');
    for (const t of partitioned) expect(layoutOf(t).partitionBy, t.name).toBe(`toYYYYMM(assumeNotNull(${layoutOf(t).monthColumn}))`);
  });

  it("name the table whose parts hold a table's rows: the shard's local table, or the versions of an upsert table", () => {
    expect(partsTable(tableDef('test_results'), cluster)).toBe('test_results__local');
    expect(partsTable(tableDef('test_results'), single)).toBe('test_results');
    expect(partsTable(tableDef('changes'), cluster)).toBe('changes__versions');
  });
});
