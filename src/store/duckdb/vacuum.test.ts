// DuckDB's vacuum is off (driver.ts): checkpoints leave the row groups that appends made where
// they are instead of merging them again later (the rewrite bursts of a large store). What that
// gives up, shown here: small row groups stay small, and rows deleted here and there keep their
// space; a row group whose rows were all deleted still goes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../index.ts';

const result = (batch: number, i: number) => ({ result_key: `b${batch}/s/c/t${i}#1`, build_key: `b${batch}`, name: `t${i}`, status: 'pass', raw_id: `r${batch}#1` });

async function storage(store: Store): Promise<{ groups: number; rows: number }> {
  const [r] = await store.all<{ groups: number; rows: number }>(
    "SELECT count(DISTINCT row_group_id) AS groups, sum(count) AS rows FROM pragma_storage_info('test_results') WHERE column_name = 'name' AND segment_type = 'VARCHAR'");
  return { groups: Number(r.groups), rows: Number(r.rows) };
}

describe('DuckDB without vacuum', () => {
  it('is configured off', async () => {
    const store = await openStore(':memory:');
    expect(await store.all("SELECT current_setting('max_vacuum_tasks') AS v")).toEqual([{ v: 0 }]);
    await store.close();
  });

  it('keeps the row groups checkpointed appends made, drops a wholly deleted one, and keeps the space of scattered deletes', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'shiplog-vacuum-')), 'store.duckdb'));
    for (let b = 0; b < 6; b++) {
      await store.append('test_results', Array.from({ length: 1000 }, (_, i) => result(b, i)));
      await store.run('CHECKPOINT');
    }
    expect(await storage(store)).toEqual({ groups: 6, rows: 6000 }); // DuckDB's vacuum merged these into one
    await store.deleteByRawIds('test_results', ['r0#1']);
    await store.run('CHECKPOINT');
    expect(await storage(store)).toEqual({ groups: 5, rows: 5000 });
    await store.remove('test_results', "name LIKE '%0' OR name LIKE '%2' OR name LIKE '%4' OR name LIKE '%6' OR name LIKE '%8'");
    await store.run('CHECKPOINT');
    expect(await store.all('SELECT count(*) AS n FROM test_results')).toEqual([{ n: 2500 }]);
    expect(await storage(store)).toEqual({ groups: 5, rows: 5000 });
    await store.close();
  });
});
