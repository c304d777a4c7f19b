// The test_health rollup built in slices holds the rows of one pass, on DuckDB and ClickHouse
// (chdb): the slices split the tests (disjoint, none lost, a NULL class included) and every
// run of a test falls in its test's slice, so windows, flaky commits and fix times agree.
import { afterAll, describe, expect, it } from 'vitest';
import { loadSql } from '../../lib/sql.ts';
import { ENGINES_UNDER_TEST } from '../../store/contract/engines.ts';
import type { Store } from '../../store/index.ts';
import { testHealthRollupOf } from './rollup.ts';
import { testHealthArgs } from './test_health.ts';

const clock = () => new Date('2025-03-01T00:00:00Z');
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');

/** 14 tests over 40 days of main-line and change builds: steady, failing, recovered, flaky. */
async function seed(store: Store): Promise<void> {
  const builds: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  for (let d = 0; d < 40; d++) {
    for (const [kind, extra] of [['main', { pipeline: 'postmerge' }], ['chg', { pipeline: 'test', change_key: `change:g:${d % 5}`, patchset: 1 }]] as const) {
      const key = `build:jenkins:h/ci/job/j/${kind}${d}`;
      const at = new Date(START + d * DAY + (kind === 'chg' ? 3_600_000 : 0));
      builds.push({ build_key: key, system: 'jenkins', job: 'j', repo: d % 3 === 0 ? 'r2' : 'r1', started_at: at, duration_s: 60, result: 'success', ...extra });
      for (let t = 0; t < 14; t++) {
        // test t fails on days where (d * (t + 1)) % 7 < t % 4: a different rhythm per test
        const failed = (d * (t + 1)) % 7 < t % 4 && !(t === 5 && d > 30);
        results.push({
          result_key: `${key}/s/C${t}#${t}`, build_key: key, repo: t < 7 ? 'r1' : 'r2', suite: 's',
          class: t === 3 ? null : `C${t % 5}`, name: `test${t}`, status: failed ? 'fail' : 'pass', run_at: at,
        });
      }
    }
  }
  await store.write('ci_builds', builds);
  await store.write('test_results', results);
}

const ORDER = 'SELECT * FROM rollup_test_health ORDER BY repo, suite, class, name';
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe.each(ENGINES_UNDER_TEST)('test_health rollup in slices on $name', (engine) => {
  it.skipIf(engine.missing)(`gives the rows of one pass${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, async () => {
    const store = await engine.open();
    stores.push(store);
    await seed(store);
    await testHealthRollupOf(1e12).refresh({ store, clock });
    const whole = await store.all(ORDER);
    expect(whole).toHaveLength(14);
    expect(whole.filter((r) => Number(r.failures) > 0).length).toBeGreaterThan(5);
    // 1,120 results, 300 a slice: 4 slices
    await testHealthRollupOf(300).refresh({ store, clock });
    expect(await store.all(ORDER)).toEqual(whole);

    // the slices themselves: disjoint, together every test, more than one of them non-empty
    const sql = loadSql(new URL('./test_health.ts', import.meta.url).href, 'test_health.sql');
    const at = new Date(Date.parse('2025-02-09T01:00:01Z'));
    const seen: string[] = [];
    let nonEmpty = 0;
    for (let index = 0; index < 4; index++) {
      const rows = await store.all(sql, await testHealthArgs({ store, clock }, { state: 'all', until: at }, null, { of: 4, index }));
      if (rows.length > 0) nonEmpty++;
      seen.push(...rows.map((r) => `${r.repo}/${r.class}/${r.name}`));
    }
    expect(nonEmpty).toBeGreaterThan(1);
    expect(seen.sort()).toEqual(whole.map((r) => `${r.repo}/${r.class}/${r.name}`).sort());
  }, 60_000);
});
