// CI cost and test-breakage reports on a hand-made history (answers worked out by hand):
// ci_usage, ci_job_matrix, tests_broken_by_dependency, test_history, test_health_repos,
// zuul_queue_wait.
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { ciJobMatrix } from '../ci_job_matrix/ci_job_matrix.ts';
import { testHealthRepos } from '../test_health_repos/test_health_repos.ts';
import { seedHistory } from '../test_health/history.fixture.ts';
import { testHistory } from '../test_history/test_history.ts';
import { testsBrokenByDependency } from '../tests_broken_by_dependency/tests_broken_by_dependency.ts';
import { zuulQueueWait } from '../zuul_queue_wait/zuul_queue_wait.ts';
import { ciUsage } from './ci_usage.ts';

const clock = () => new Date('2025-01-31T00:00:00Z');
const H = 'integration.wikimedia.org/ci/job';

async function seedCi(store: Store) {
  await store.write('ci_builds', [
    { build_key: `build:jenkins:${H}/mediawiki-quibble-vendor-mysql-php81/1`, system: 'jenkins', job: 'mediawiki-quibble-vendor-mysql-php81', repo: 'r', change_key: 'change:g:1', patchset: 1, pipeline: 'test', started_at: new Date('2025-01-10T10:00:00Z'), duration_s: 600, result: 'success' },
    { build_key: `build:zuul:${H}/mediawiki-quibble-vendor-mysql-php81/1`, system: 'zuul', job: 'mediawiki-quibble-vendor-mysql-php81', repo: 'r', change_key: 'change:g:1', patchset: 1, pipeline: 'test', reported_at: new Date('2025-01-10T10:30:00Z'), duration_s: 590, result: 'success' },
    { build_key: `build:jenkins:${H}/quibble-composer-sqlite-php74/2`, system: 'jenkins', job: 'quibble-composer-sqlite-php74', repo: 'r', change_key: 'change:g:1', patchset: 1, pipeline: 'test', started_at: new Date('2025-01-10T10:05:00Z'), duration_s: 1200, result: 'failure' },
    { build_key: `build:zuul:${H}/mediawiki-quibble-vendor-mysql-php81/3`, system: 'zuul', job: 'mediawiki-quibble-vendor-mysql-php81', repo: 'r', change_key: 'change:g:2', patchset: 1, pipeline: 'gate-and-submit', reported_at: new Date('2025-01-10T12:05:00Z'), duration_s: 300, result: 'success' },
  ]);
}

describe('ci_usage and ci_job_matrix', () => {
  it('counts a Jenkins build and its Zuul row once; agent, wall hours and builds per change', async () => {
    const store = await openStore(':memory:');
    await seedCi(store);
    const byDay = await runMetric(ciUsage, { store, clock }, {});
    expect(byDay.rows).toEqual([{
      day: expect.anything(), builds: 3, changes: 2, agent_h: 0.58, failure_rate: 0.3333, median_duration_min: 10,
      // runs: build 1 (its Zuul report), build 2 (no report lists it: a run of its own), change 2's report
      builds_per_change: 1.5, wall_h: 0.58, // 10 + 20 + 5 minutes
    }]);
    const byJob = await runMetric(ciUsage, { store, clock }, { by: 'job' });
    expect(byJob.rows.map((r) => [r.job, r.builds, r.wall_h])).toEqual([
      ['mediawiki-quibble-vendor-mysql-php81', 2, null], ['quibble-composer-sqlite-php74', 1, null],
    ]);
    const byPipeline = await runMetric(ciUsage, { store, clock }, { by: 'pipeline' });
    expect(byPipeline.rows.map((r) => [r.pipeline, r.builds, r.builds_per_change])).toEqual([['test', 2, 2], ['gate-and-submit', 1, 1]]);
    const matrix = await runMetric(ciJobMatrix, { store, clock }, {});
    expect(matrix.rows.map((r) => [r.family, r.deps, r.db, r.php, r.builds])).toEqual([
      ['mediawiki-quibble', 'vendor', 'mysql', '8.1', 2], ['quibble', 'composer', 'sqlite', '7.4', 1],
    ]);
    await store.close();
  });
});

describe('ci_usage wall time per pipeline run', () => {
  it('counts one Zuul report as one run, so a recheck days later adds its own time only', async () => {
    const store = await openStore(':memory:');
    const zuul = (job: string, n: number, report: string, at: string, duration_s: number) => ({
      build_key: `build:zuul:${H}/${job}/${n}`, system: 'zuul', job, repo: 'r', change_key: 'change:g:7', patchset: 2, pipeline: 'test',
      reported_at: new Date(at), duration_s, result: 'success', report_key: `change:g:7/${report}`,
    });
    await store.write('ci_builds', [
      zuul('tox', 1, 'm1', '2025-01-10T10:10:00Z', 600), zuul('lint', 2, 'm1', '2025-01-10T10:10:00Z', 60), // one report: 10 min
      zuul('tox', 3, 'm2', '2025-01-13T09:05:00Z', 300), zuul('lint', 4, 'm2', '2025-01-13T09:05:00Z', 60), // recheck 3 days later: 5 min
    ]);
    const v2 = await runMetric(ciUsage, { store, clock }, { by: 'change' });
    expect(v2.rows.map((r) => [r.change, r.builds, r.agent_h, r.wall_h])).toEqual([['change:g:7', 4, 0.28, 0.25]]);
    const { findMetric } = await import('../registry.ts');
    const v1 = await runMetric(findMetric('ci_usage@1')!, { store, clock }, { by: 'change' });
    expect(v1.rows.map((r) => r.wall_h)).toEqual([71.08]); // the old span: 10:00 on the 10th → 09:05 on the 13th
    await store.close();
  });
});

describe('tests_broken_by_dependency', () => {
  it('finds a test failing on three unrelated changes in a day; one topic counts once', async () => {
    const store = await openStore(':memory:');
    const changes = [['1', null], ['2', 'same'], ['3', 'same'], ['4', null]] as const;
    await store.write('changes', changes.map(([n, topic]) => ({ change_key: `change:g:${n}`, host: 'g', number: Number(n), topic, branch: 'master' })));
    await store.write('ci_builds', changes.map(([n]) => ({
      build_key: `build:jenkins:b${n}`, system: 'jenkins', repo: 'r', change_key: `change:g:${n}`, patchset: 1, pipeline: 'test', started_at: new Date(`2025-01-10T0${n}:00:00Z`),
    })));
    const result = (n: string, name: string) => ({ result_key: `b${n}/${name}`, build_key: `build:jenkins:b${n}`, suite: 's', class: 'C', name, status: 'fail', message: `boom ${n}` });
    await store.write('test_results', [...['1', '2', '3', '4'].map((n) => result(n, 'x')), result('1', 'y'), result('2', 'y')]);
    const res = await runMetric(testsBrokenByDependency, { store, clock }, {});
    expect(res.rows.map((r) => [r.name, r.unrelated_changes, r.changes, r.failed_runs, r.first_message])).toEqual([
      ['x', 3, ['change:g:1', 'change:g:2', 'change:g:3', 'change:g:4'], 4, 'boom 1'],
    ]);
    await store.close();
  });
});

describe('test_history and test_health_repos', () => {
  it('lists the runs of one test and sums test health per repository', async () => {
    const store = await openStore(':memory:');
    await seedHistory(store);
    const h = await runMetric(testHistory, { store, clock }, { name: 'a', limit: '2' });
    expect(h.rows.map((r) => [r.status, r.mainline])).toEqual([['fail', true], ['pass', true]]);
    const repos = await runMetric(testHealthRepos, { store, clock }, {});
    expect(repos.rows).toEqual([{
      repo: 'r', tests_90d: 3, failing_tests: 1, flaky_tests: 1, failed_runs_30d: 4, failed_runs_per_day_30d: 0.13,
      failure_rate_30d: 0.5714, mean_time_to_fix_h: 36, fixed_episodes: 1,
    }]);
    await store.close();
  });
});

describe('zuul_queue_wait', () => {
  it('gives median, p90 and max wait per pipeline and day', async () => {
    const store = await openStore(':memory:');
    const item = (id: string, wait: number | null) => ({
      item_key: `zuul:h/gate/${id}`, pipeline: 'gate-and-submit', enqueued_at: new Date('2025-01-10T10:00:00Z'), wait_s: wait,
    });
    await store.write('zuul_queue_items', [item('1', 60), item('2', 120), item('3', 600), item('4', null)]);
    const res = await runMetric(zuulQueueWait, { store, clock }, {});
    expect(res.rows).toEqual([{
      pipeline: 'gate-and-submit', day: expect.anything(), items: 4, started_items: 3, median_wait_min: 2, p90_wait_min: 8.4, max_wait_min: 10,
    }]);
    await store.close();
  });
});
