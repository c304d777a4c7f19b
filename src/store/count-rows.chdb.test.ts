// countRows on both engines: after every kind of write (append, upsert, an update of a kept
// key, removal, a statement that bypasses the write paths) it answers what count(*) answers;
// on ClickHouse it answers from its kept counts, without counting, while no part moved.
import { describe, expect, it } from 'vitest';
import { ENGINES_UNDER_TEST } from './contract/engines.ts';
import type { Store } from './index.ts';

const TABLES = ['changes', 'test_results', 'tasks'];

async function counted(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await store.all<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
  return out;
}

const change = (n: number, subject: string) => ({ change_key: `change:h:${n}`, host: 'h', number: n, subject, updated_at: new Date(Date.UTC(2020, 0, n)), raw_id: `g:${n}#${subject}` });
const result = (n: number, raw: string) => ({ result_key: `b/s/c/t${n}#1`, build_key: 'b', name: `t${n}`, status: 'pass', raw_id: raw });

for (const engine of ENGINES_UNDER_TEST) {
  describe.skipIf(engine.missing)(`countRows on ${engine.name}${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
    it('answers what count(*) answers after each kind of write', async () => {
      const store = await engine.open();
      const steps: [string, () => Promise<unknown>][] = [
        ['empty', async () => undefined],
        ['upsert two', () => store.upsert('changes', [change(1, 'a'), change(2, 'b')])],
        ['append three', () => store.write('test_results', [result(1, 'x#1'), result(2, 'x#1'), result(3, 'y#1')])],
        ['update a kept key', () => store.upsert('changes', [{ ...change(2, 'c'), updated_at: new Date(Date.UTC(2021, 0, 1)) }])],
        ['remove a change', () => store.remove('changes', 'number = $1', [1])],
        ['delete by raw id', () => store.deleteByRawIds('test_results', ['x#1'])],
        ['a statement outside the write paths', () => store.run(`INSERT INTO test_results (result_key, build_key, name, status) VALUES ('r9', 'b', 't9', 'fail')`)],
        ['nothing written', async () => undefined],
      ];
      for (const [what, step] of steps) {
        await step();
        expect(await store.countRows(TABLES), what).toEqual(await counted(store));
      }
      await store.close();
    });

    it.runIf(engine.name === 'clickhouse')('on ClickHouse, counts again only the tables whose parts moved', async () => {
      const store = await engine.open();
      await store.upsert('changes', [change(1, 'a')]);
      await store.countRows(TABLES);
      const asked: string[] = [];
      const all = store.all.bind(store);
      store.all = (async (sql: string, params?: unknown[]) => {
        asked.push(sql);
        return all(sql, params);
      }) as Store['all'];
      expect(await store.countRows(TABLES)).toEqual({ changes: 1, test_results: 0, tasks: 0 });
      expect(asked).toEqual([]);
      await store.write('test_results', [result(1, 'x#1')]);
      expect(await store.countRows(TABLES)).toEqual({ changes: 1, test_results: 1, tasks: 0 });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain('"test_results"');
      expect(asked[0]).not.toContain('"changes"');
      await store.close();
    });
  });
}
