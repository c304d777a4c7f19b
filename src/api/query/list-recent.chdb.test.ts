// Newest-first lists on both engines: readList gives the rows and pages the whole table
// gives, whether the newest month fills the page, the month before must help, or neither
// does; on ClickHouse a page the newest month fills is read from that month alone.
import { describe, expect, it } from 'vitest';
import { ENGINES_UNDER_TEST } from '../../store/contract/engines.ts';
import type { Row, Store } from '../../store/index.ts';
import { tableInfo } from './catalog.ts';
import { buildListSql, encodeCursor, type ListRequest, readList } from './list.ts';

const at = (month: number, day: number, minute: number) => new Date(Date.UTC(2024, month, day, 8, minute));

/** Results over four months: every 7th fails; the newest month has 6 failures, the one before 30. */
function results(): Row[] {
  const rows: Row[] = [];
  const perMonth = [70, 140, 210, 42];
  perMonth.forEach((n, month) => {
    for (let i = 0; i < n; i++) {
      rows.push({
        result_key: `b${month}/s/c/t${i}#1`, build_key: `b${month}`, repo: `r${i % 3}`, name: `t${i}`,
        status: i % 7 === 0 ? 'fail' : 'pass', run_at: at(month, 1 + (i % 25), i % 4), raw_id: `m${month}#1`,
      });
    }
  });
  return rows;
}

async function listed(store: Store, req: ListRequest): Promise<unknown[]> {
  const { result } = await readList(store, await tableInfo(store, 'test_results'), req);
  return result.rows.map((r) => r.result_key);
}

async function whole(store: Store, req: ListRequest): Promise<unknown[]> {
  const sql = buildListSql(await tableInfo(store, 'test_results'), req, store.dialect);
  return (await store.all(sql.text, sql.params)).map((r) => r.result_key);
}

const failures = (limit: number): ListRequest => ({ limit, order: '-time', filters: { status: ['fail'] } });

for (const engine of ENGINES_UNDER_TEST) {
  describe.skipIf(engine.missing)(`newest-first lists on ${engine.name}${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
    it('give the rows the whole table gives, filled from one month, two, or all', async () => {
      const store = await engine.open();
      await store.write('test_results', results());
      for (const limit of [1, 5, 6, 20, 35, 36, 60, 200]) expect(await listed(store, failures(limit)), `limit ${limit}`).toEqual(await whole(store, failures(limit)));
      const all: ListRequest = { limit: 50, order: '-time', filters: {} };
      expect(await listed(store, all)).toEqual(await whole(store, all));
      await store.close();
    });

    it('pages through every failure newest first, as the whole table orders them', async () => {
      const store = await engine.open();
      await store.write('test_results', results());
      const info = await tableInfo(store, 'test_results');
      const paged: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const req = { ...failures(4), cursor };
        const { result, sql } = await readList(store, info, req);
        const more = result.rows.length > req.limit;
        const rows = result.rows.slice(0, req.limit);
        paged.push(...rows.map((r) => r.result_key));
        if (!more) break;
        cursor = encodeCursor(sql.orderColumns.map((c) => rows[rows.length - 1][c]));
      }
      expect(paged).toEqual(await whole(store, failures(1000)));
      await store.close();
    });

    it.runIf(engine.name === 'clickhouse')("on ClickHouse, finds the page's last time in the newest month, then reads the rows from it", async () => {
      const store = await engine.open();
      await store.write('test_results', results());
      expect(await store.recentBounds('test_results', 'run_at')).toEqual([new Date(Date.UTC(2024, 3, 1)), new Date(Date.UTC(2024, 2, 1))]);
      expect(await store.recentBounds('test_results', 'duration_ms')).toEqual([]);
      const info = await tableInfo(store, 'test_results');
      const asked: unknown[][] = [];
      const query = store.query.bind(store);
      store.query = (sql, params) => {
        if (params?.length) asked.push(params); // the list's queries (system.parts takes none)
        return query(sql, params);
      };
      await readList(store, info, failures(5));
      expect(asked).toHaveLength(2);
      expect(asked[0]).toContainEqual(new Date(Date.UTC(2024, 3, 1)));
      // the newest month's failures are t0, t7, …, t35; the 6th newest ran on 1 April
      expect(asked[1]).toContainEqual(at(3, 1, 0));
      await store.close();
    });
  });
}
