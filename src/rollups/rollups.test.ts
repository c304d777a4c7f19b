// Rollups give the answers of the queries they stand for: test_health rows and Explorer
// pivots read from a rollup equal the same requests computed from the base tables; a derive
// of a source they read rebuilds them, and a stale or time-shifted rollup is not read.
import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { seedHistory } from '../metrics/test_health/history.fixture.ts';
import { testHealth } from '../metrics/test_health/test_health.ts';
import { buildTestWorld } from '../api/test-world.ts';
import { ciHealth } from '../metrics/ci_health/ci_health.ts';
import { ciJobMatrix } from '../metrics/ci_job_matrix/ci_job_matrix.ts';
import { ciUsage } from '../metrics/ci_usage/ci_usage.ts';
import { taskCloseVsMerge } from '../metrics/task_close_vs_merge/task_close_vs_merge.ts';
import { testHealthRepos } from '../metrics/test_health_repos/test_health_repos.ts';
import { testsBrokenByDependency } from '../metrics/tests_broken_by_dependency/tests_broken_by_dependency.ts';
import { runMetric } from '../metrics/run.ts';
import { openStore, type Store } from '../store/index.ts';
import { importPaths } from '../sync/service.ts';
import { refreshRollups as refreshWith, refreshStaleRollups as refreshStaleWith, rollupIsFresh } from './state.ts';
import { allRollups } from '../sync/rollups.ts';
import { bumpTables } from '../derive/versions.ts';
import type { RollupContext } from './define.ts';

const refreshRollups = (ctx: RollupContext) => refreshWith(ctx, allRollups());
const refreshStaleRollups = (ctx: RollupContext) => refreshStaleWith(ctx, allRollups());
import { testHealthRollup } from '../metrics/test_health/rollup.ts';

const clock = () => new Date('2025-02-15T00:00:00Z');
const DEFAULT_AS_OF = '2025-01-29T00:00:01.000Z'; // just after the newest result of the history

async function seeded(): Promise<Store> {
  const store = await openStore(':memory:');
  await seedHistory(store);
  await store.transaction((tx) => bumpTables(tx, ['test_results', 'ci_builds'], clock())); // what the pipeline's batch did
  await refreshRollups({ store, clock });
  return store;
}

describe('test_health rollup', () => {
  it('gives the rows test_health.sql gives, for every state and filter', async () => {
    const store = await seeded();
    const [state] = await store.all<{ watermark: string; as_of: Date; row_count: number }>("SELECT * FROM rollup_state WHERE name = 'test_health'");
    expect(state).toMatchObject({ watermark: 'ci_builds=1,test_results=1', as_of: new Date(DEFAULT_AS_OF), row_count: 3 });
    for (const params of [{}, { state: 'failing' }, { state: 'flaky' }, { state: 'failed' }, { q: 'A' }, { repo: 'r', limit: 1 }, { repo: 'other' }, { suite: 's' }]) {
      const fast = await runMetric(testHealth, { store, clock }, params);
      const slow = await runMetric(testHealth, { store, clock }, { ...params, until: DEFAULT_AS_OF });
      expect(fast.notes?.[0]).toMatch(/rollup_test_health/);
      expect(slow.notes?.[0]).toMatch(/computed from the test runs/);
      expect(fast.rows).toEqual(slow.rows);
    }
    const repos = await runMetric(testHealthRepos, { store, clock }, {});
    const reposSlow = await runMetric(testHealthRepos, { store, clock }, { until: DEFAULT_AS_OF });
    expect(repos.notes).toContain('read from rollup_test_health, rebuilt after each import or sync that changed test results, builds, changes or patch sets (the same rows test_health.sql gives)');
    expect(repos.rows).toEqual(reposSlow.rows);
    expect(repos.rows).toMatchObject([{ repo: 'r', failing_tests: 1, flaky_tests: 1 }]);
    await store.close();
  });

  it('is not read once a source it depends on has new data or the "as of" moved', async () => {
    const store = await seeded();
    expect(await rollupIsFresh(store, testHealthRollup, new Date(DEFAULT_AS_OF))).toBe(true);
    expect(await rollupIsFresh(store, testHealthRollup, new Date('2025-01-30T00:00:00Z'))).toBe(false);
    // a later run of b fails on the main line: new raw data derived for jenkins, rollup not rebuilt
    await store.write('ci_builds', [{ build_key: 'build:jenkins:h/ci/job/j/g6', system: 'jenkins', repo: 'r', pipeline: 'postmerge', started_at: new Date('2025-01-30T00:00:00Z') }]);
    await store.write('test_results', [{ result_key: 'g6/b', build_key: 'build:jenkins:h/ci/job/j/g6', repo: 'r', suite: 's', class: 'C', name: 'b', status: 'fail', run_at: new Date('2025-01-30T00:00:00Z') }]);
    // what the batch of a sync still running does in its transaction: the versions of the tables it changed move
    await store.transaction((tx) => bumpTables(tx, ['ci_builds', 'test_results'], clock()));
    expect(await rollupIsFresh(store, testHealthRollup, new Date(DEFAULT_AS_OF))).toBe(false);
    const stale = await runMetric(testHealth, { store, clock }, { q: 'b' });
    expect(stale.notes?.[0]).toMatch(/computed from the test runs/);
    expect(stale.rows.map((r) => [r.name, r.currently_failing, r.runs])).toEqual([['b', true, 3]]);
    // new data of a source it does not read leaves it fresh; the service rebuilds only stale ones
    expect(Object.keys(await refreshStaleRollups({ store, clock })).sort()).toEqual([
      'report_ci_health', 'report_ci_job_matrix', 'report_ci_usage', 'test_health', 'test_results_daily', 'tests_broken_daily',
    ]);
    await store.transaction((tx) => bumpTables(tx, ['log_entries'], clock()));
    expect(Object.keys(await refreshStaleRollups({ store, clock }))).toEqual([]);
    await store.transaction((tx) => bumpTables(tx, ['links'], clock()));
    expect(Object.keys(await refreshStaleRollups({ store, clock }))).toEqual(['report_task_close_vs_merge']); // reads links
    // the default "as of" moves when the clock is earlier than the newest result: only test_health is rebuilt
    expect(Object.keys(await refreshStaleRollups({ store, clock: () => new Date('2025-01-29T12:00:00Z') }))).toEqual(['test_health']);
    await refreshStaleRollups({ store, clock });
    const fresh = await runMetric(testHealth, { store, clock }, { q: 'b' });
    expect(fresh.notes?.[0]).toMatch(/rollup_test_health/);
    expect(fresh.rows).toEqual(stale.rows);
    await store.close();
  });
});

describe('tests_broken_daily rollup', () => {
  it('gives the rows of tests_broken_by_dependency for day-aligned windows and thresholds ≥ 2', async () => {
    const store = await openStore(':memory:');
    // on the 10th x fails on 1, 2 and 3 (one topic), 6 in r and 4 in q; on the 11th on 5 and 7
    const changes = [['1', null], ['2', 'same'], ['3', 'same'], ['4', null], ['5', null], ['6', null], ['7', null]] as const;
    await store.write('changes', changes.map(([n, topic]) => ({ change_key: `change:g:${n}`, host: 'g', number: Number(n), topic, branch: 'master' })));
    const at = (n: string) => new Date(`2025-01-${n === '5' || n === '7' ? '11' : '10'}T0${n}:00:00Z`);
    await store.write('ci_builds', changes.map(([n]) => ({
      build_key: `build:jenkins:b${n}`, system: 'jenkins', repo: n === '4' ? 'q' : 'r', change_key: `change:g:${n}`, patchset: 1, pipeline: 'test', started_at: at(n),
    })));
    const result = (n: string, name: string) => ({ result_key: `b${n}/${name}`, build_key: `build:jenkins:b${n}`, repo: n === '4' ? 'q' : 'r', suite: 's', class: 'C', name, status: 'fail', message: `boom ${n}`, run_at: at(n) });
    await store.write('test_results', [...['1', '2', '3', '4', '5', '6', '7'].map((n) => result(n, 'x')), result('1', 'y'), result('3', 'y'), result('2', 'z')]);
    await refreshRollups({ store, clock });
    const cases = [{}, { min_changes: 2 }, { since: '2025-01-10', until: '2025-01-11' }, { since: '2025-01-11' }, { repo: 'q', min_changes: 2 }, { min_changes: 2, limit: 1 }];
    let nonEmpty = 0;
    for (const params of cases) {
      const fast = await runMetric(testsBrokenByDependency, { store, clock }, params);
      expect(fast.notes?.[1], JSON.stringify(params)).toMatch(/rollup_tests_broken_daily/);
      await store.run("DELETE FROM rollup_state WHERE name = 'tests_broken_daily'");
      const slow = await runMetric(testsBrokenByDependency, { store, clock }, params);
      expect(slow.notes?.[1]).toBe('computed from the test runs');
      expect(fast.rows, JSON.stringify(params)).toEqual(slow.rows);
      if (fast.rows.length) nonEmpty++;
      await refreshRollups({ store, clock });
    }
    expect(nonEmpty).toBe(4); // all but the 11th at 3 changes and q at 2
    const partial = await runMetric(testsBrokenByDependency, { store, clock }, { since: '2025-01-10T02:00:00Z', min_changes: 2 });
    expect(partial.notes?.[1]).toBe('computed from the test runs'); // a day cut in two: only the runs can say
    expect(partial.rows.map((r) => [r.name, (r.day as Date).toISOString().slice(0, 10), r.unrelated_changes])).toEqual([['x', '2025-01-11', 2], ['x', '2025-01-10', 2]]); // 5, 7; one topic and 6
    await store.close();
  });
});

describe('report rollups', () => {
  it('give the rows of ci_usage, ci_job_matrix, ci_health and task_close_vs_merge for their defaults', async () => {
    const world = await buildTestWorld();
    const { store } = world;
    const cases = [[ciUsage, { limit: 2 }], [ciUsage, {}], [ciJobMatrix, {}], [ciHealth, {}], [ciHealth, { limit: 1 }], [taskCloseVsMerge, {}]] as const;
    for (const [def, params] of cases) {
      const fast = await runMetric(def, { store, clock }, params);
      expect(fast.notes?.join(' '), def.id).toMatch(new RegExp(`rollup_report_${def.id}`));
      expect(fast.rows.length, def.id).toBeGreaterThan(0);
      await store.run('DELETE FROM rollup_state WHERE name = $1', [`report_${def.id}`]);
      const slow = await runMetric(def, { store, clock }, params);
      expect(slow.notes?.join(' ')).not.toMatch(/rollup_report/);
      expect(fast.rows, def.id).toEqual(slow.rows);
      await refreshRollups({ store, clock });
    }
    // any other parameters are computed from the base tables
    expect((await runMetric(ciUsage, { store, clock }, { by: 'job' })).notes?.join(' ')).toMatch(/computed from ci_runs/);
    expect((await runMetric(ciJobMatrix, { store, clock }, { repo: 'x' })).notes?.join(' ')).toMatch(/computed from ci_runs/);
    expect((await runMetric(ciHealth, { store, clock }, { since: '2024-01-01' })).notes?.join(' ')).toMatch(/computed from ci_builds/);
    await world.close();
  });
});

describe('rollups in the pipeline', () => {
  it('an import rebuilds the rollups its data made stale, once it is in', async () => {
    const store = await openStore(':memory:');
    const fixture = new URL('../sources/junit/fixtures/ant-plain.xml', import.meta.url).pathname;
    const deps = { store, config: configSchema.parse({}), log: silentLogger(), clock, fetch };
    await importPaths(deps, 'junit', [fixture], { repo: 'mediawiki/core' }, false);
    expect(await store.all('SELECT * FROM rollup_state')).toEqual([]); // deferred, as the demo does
    await importPaths(deps, 'junit', [fixture], { repo: 'mediawiki/core' });
    const states = await store.all<{ name: string; watermark: string; row_count: number }>("SELECT name, watermark, row_count FROM rollup_state WHERE name NOT LIKE 'report_%' ORDER BY name");
    const v = Object.fromEntries((await store.all<{ table_name: string; version: number }>('SELECT table_name, version FROM table_versions')).map((r) => [r.table_name, Number(r.version)]));
    expect(v.test_results).toBeGreaterThan(0);
    const [{ tests, days }] = await store.all<{ tests: number; days: number }>(
      'SELECT count(DISTINCT (suite, class, name)) FILTER (WHERE status <> \'skip\') AS tests, count(DISTINCT (date_trunc(\'day\', run_at), repo, suite, status)) AS days FROM test_results');
    expect(tests).toBeGreaterThan(0);
    expect(states).toEqual([
      { name: 'test_health', watermark: `ci_builds=${v.ci_builds},test_results=${v.test_results}`, row_count: tests },
      { name: 'test_results_daily', watermark: `test_results=${v.test_results}`, row_count: days },
      { name: 'tests_broken_daily', watermark: `ci_builds=${v.ci_builds},test_results=${v.test_results}`, row_count: 0 }, // an import of no change
    ]);
    expect((await runMetric(testHealth, { store, clock }, {})).notes?.[0]).toMatch(/rollup_test_health/);
    await store.close();
  });
});

describe('test_results_daily rollup behind the Explorer', () => {
  const get = async (store: Store, path: string) => {
    const app = createApp({ store, config: configSchema.parse({}), log: silentLogger(), clock, fetch, tokens: [] });
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as { rows: Record<string, unknown>[]; rollup?: string };
  };
  const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

  it('answers count and duration pivots as the base table does, and only those', async () => {
    const store = await seeded();
    await store.run("UPDATE test_results SET duration_ms = length(result_key) * 1.5 WHERE name <> 'c'");
    await store.write('test_results', [{ result_key: 'no-time', build_key: 'build:junit:x', repo: 'r', suite: 's', name: 'n', status: 'pass' }]);
    await refreshRollups({ store, clock });
    const answered = [
      '/api/explore?table=test_results&group=status&bucket=week',
      '/api/explore?table=test_results&group=repo,suite,status',
      '/api/explore?table=test_results&bucket=day&measure=sum:duration_ms',
      '/api/explore?table=test_results&group=status&measure=avg:duration_ms',
      '/api/explore?table=test_results&bucket=month&measure=max:duration_ms&status=pass',
      '/api/explore?table=test_results&group=status&since=2025-01-22&until=2025-01-29',
    ];
    for (const path of answered) {
      const fast = await get(store, path);
      expect(fast.rollup, path).toBe('rollup_test_results_daily');
      await store.run("DELETE FROM rollup_state WHERE name = 'test_results_daily'");
      const slow = await get(store, path);
      expect(slow.rollup, path).toBeUndefined();
      expect(sorted(fast.rows), path).toEqual(sorted(slow.rows));
      await refreshRollups({ store, clock });
    }
    for (const path of [
      '/api/explore?table=test_results&group=name', // not a dimension
      '/api/explore?table=test_results&bucket=hour',
      '/api/explore?table=test_results&group=status&since=2025-01-22T06:00:00Z', // not day-aligned
      '/api/explore?table=test_results&measure=p95:duration_ms',
      '/api/explore?table=test_results&class=C',
    ]) {
      expect((await get(store, path)).rollup, path).toBeUndefined();
    }
    await store.close();
  });
});
