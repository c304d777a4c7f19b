// Derive steps on both engines: the same hand-made input written to DuckDB and to ClickHouse
// (chdb) through store.write, the derive steps run (deriveAfterWrites), and the tables the
// steps write must hold the same rows on both — and the rows the case expects, so a step that
// did nothing on both engines does not pass. Times compare as ISO text; an empty list equals
// a NULL one (ClickHouse has no NULL list). Then renormalize (delete a source's rows, replay
// its raw records, derive again) on both.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/log.ts';
import { junitSource } from '../sources/junit/index.ts';
import { runSource } from '../sync/pipeline.ts';
import { renormalize } from '../sync/renormalize.ts';
import { ENGINES_UNDER_TEST } from '../store/contract/engines.ts';
import type { Row, Store } from '../store/index.ts';
import { deriveAfterWrites } from '../sync/derive.ts';
import { CASES } from './derive-cases.ts';

const clock = () => new Date('2026-03-02T12:00:00Z');
const [duckdb, clickhouse] = ENGINES_UNDER_TEST;
const open: Store[] = [];
afterAll(async () => {
  for (const s of open) await s.close();
});

function norm(rows: Row[]): string[] {
  return rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => {
    const v = r[k];
    return [k, Array.isArray(v) && v.length === 0 ? null : v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v];
  }))).sort();
}

async function derived(engine: typeof duckdb, input: Record<string, Row[]>, tables: string[]): Promise<Record<string, string[]>> {
  const store = await engine.open();
  open.push(store);
  for (const [table, rows] of Object.entries(input)) await store.write(table, rows);
  await deriveAfterWrites(store, clock, Object.keys(input));
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = norm(await store.all(`SELECT * FROM "${t}"`));
  return out;
}

describe.skipIf(clickhouse.missing)(`derive steps give the same rows on DuckDB and ClickHouse${clickhouse.missing ? ` (skipped: ${clickhouse.missing})` : ''}`, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const tables = Object.keys(c.expect);
      const a = await derived(duckdb, c.input, tables);
      for (const [t, check] of Object.entries(c.expect)) check(a[t].map((s) => Object.fromEntries(JSON.parse(s) as [string, unknown][])));
      const b = await derived(clickhouse, c.input, tables);
      for (const t of tables) expect({ table: t, rows: b[t] }).toEqual({ table: t, rows: a[t] });
    });
  }

  it('renormalize rebuilds the same rows from raw on both engines (junit, derive after)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junit-'));
    mkdirSync(join(dir, 'log'));
    for (const n of ['phpunit-mediawiki.xml', 'truncated.xml']) copyFileSync(new URL(`../sources/junit/fixtures/${n}`, import.meta.url), join(dir, 'log', n));
    const answers: string[][] = [];
    for (const engine of [duckdb, clickhouse]) {
      const store = await engine.open();
      open.push(store);
      await runSource({ store, log: silentLogger(), clock, fetch: globalThis.fetch }, { source: junitSource, config: { chunk: { maxCases: 2 } }, paths: [dir], options: { repo: 'mediawiki/core' } });
      const snapshot = async () => [...norm(await store.all('SELECT * FROM test_results')), ...norm(await store.all('SELECT * FROM ci_builds'))];
      const before = await snapshot();
      expect(before.length).toBe(8 + 2);
      await renormalize(store, [junitSource as never], clock);
      expect(await snapshot(), engine.name).toEqual(before);
      answers.push(before);
    }
    expect(answers[1]).toEqual(answers[0]);
  });
});
