// The test-health "as of" starts from the newest result's time. On ClickHouse newestRun reads
// the newest month's partition only; these tests check that it gives max(run_at) on both
// engines through appends, results without a time and deletes of the newest month, and that
// on ClickHouse the query it asks reads one partition of several.
import { describe, expect, it } from 'vitest';
import { ENGINES_UNDER_TEST } from '../../store/contract/engines.ts';
import type { Store } from '../../store/index.ts';
import { newestRun } from './test_health.ts';

const result = (n: number, runAt: Date | null, raw: string) => ({ result_key: `b/s/c/t${n}#1`, build_key: 'b', repo: 'r', name: `t${n}`, status: 'pass', run_at: runAt, raw_id: raw });
const at = (month: number, day: number) => new Date(Date.UTC(2024, month, day, 12, 30, 15, 250));

async function maxRunAt(store: Store): Promise<Date | null> {
  return (await store.all<{ m: Date | null }>('SELECT max(run_at) AS m FROM test_results'))[0].m ?? null;
}

for (const engine of ENGINES_UNDER_TEST) {
  describe.skipIf(engine.missing)(`newest test result on ${engine.name}${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
    it('is max(run_at) after appends, timeless results and deletes of the newest month', async () => {
      const store = await engine.open();
      expect(await newestRun({ store })).toBeNull();
      await store.write('test_results', [result(0, null, 'none#1')]);
      expect(await newestRun({ store })).toBeNull();
      await store.write('test_results', [result(1, at(0, 3), 'jan#1'), result(2, at(0, 28), 'jan#1')]);
      await store.write('test_results', [result(3, at(2, 1), 'mar#1'), result(4, at(2, 2), 'mar#1')]);
      await store.write('test_results', [result(5, at(1, 20), 'feb#1')]);
      expect(await newestRun({ store })).toEqual(at(2, 2));
      await store.deleteByRawIds('test_results', ['mar#1']);
      expect(await newestRun({ store })).toEqual(await maxRunAt(store));
      expect(await newestRun({ store })).toEqual(at(1, 20));
      await store.close();
    });

    it.runIf(engine.name === 'clickhouse')('on ClickHouse, reads the newest partition of several', async () => {
      const store = await engine.open();
      for (let month = 0; month < 4; month++) {
        await store.write('test_results', Array.from({ length: 5_000 }, (_, i) => result(month * 5_000 + i, at(month, 1 + (i % 20)), `m${month}#1`)));
      }
      const asked: [string, unknown[] | undefined][] = [];
      const all = store.all.bind(store);
      store.all = ((sql: string, params?: unknown[]) => {
        asked.push([sql, params]);
        return all(sql, params);
      }) as Store['all'];
      expect(await newestRun({ store })).toEqual(at(3, 20));
      const [sql, params] = asked.filter(([text]) => text.includes('max(run_at)'))[0];
      store.all = all;
      // 20,000 results in four months, 5,000 in the newest: the query newestRun asked, run again
      // under a read limit of 10,000 rows, answers; every row does not
      const limit = 'SETTINGS max_rows_to_read = 10000';
      expect(await store.all(`${sql} ${limit}`, params)).toEqual([{ newest: at(3, 20) }]);
      await expect(store.all(`SELECT max(run_at) FROM test_results ${limit}`)).rejects.toThrow(/max_rows_to_read/);
      await store.close();
    });
  });
}
