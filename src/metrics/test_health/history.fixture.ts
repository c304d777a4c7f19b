// A tiny hand-made test history shared by the test-health tests (see test_health.test.ts
// for the answers worked out by hand): builds on the main line and on one change.
import type { Store } from '../../store/index.ts';

export async function seedHistory(store: Store): Promise<void> {
  const build = (id: string, at: string, extra: Record<string, unknown> = {}) => ({
    build_key: `build:jenkins:h/ci/job/j/${id}`, system: 'jenkins', job: 'j', repo: 'r', started_at: new Date(at),
    duration_s: 600, pipeline: 'postmerge', result: 'success', ...extra,
  });
  const test = (b: string, name: string, status: string, at: string) => ({
    result_key: `build:jenkins:h/ci/job/j/${b}/s/C/${name}#0`, build_key: `build:jenkins:h/ci/job/j/${b}`, repo: 'r',
    suite: 's', class: 'C', name, status, run_at: new Date(at),
  });
  const change = { change_key: 'change:g:100', pipeline: 'test', patchset: 1 };
  await store.write('ci_builds', [
    build('g1', '2025-01-21T00:00:00Z'), build('g2', '2025-01-22T00:00:00Z'), build('g3', '2025-01-23T00:00:00Z'),
    build('g4', '2025-01-23T12:00:00Z'), build('g5', '2025-01-29T00:00:00Z'),
    build('t1', '2025-01-28T00:00:00Z', change), build('t2', '2025-01-28T01:00:00Z', change),
    build('old', '2024-12-15T00:00:00Z'),
  ]);
  await store.write('test_results', [
    test('g1', 'a', 'pass', '2025-01-21T00:00:00Z'), test('g2', 'a', 'fail', '2025-01-22T00:00:00Z'),
    test('g3', 'a', 'error', '2025-01-23T00:00:00Z'), test('g4', 'a', 'pass', '2025-01-23T12:00:00Z'),
    test('g5', 'a', 'fail', '2025-01-29T00:00:00Z'), test('g5', 'skipped', 'skip', '2025-01-29T00:00:00Z'),
    test('t1', 'b', 'pass', '2025-01-28T00:00:00Z'), test('t2', 'b', 'fail', '2025-01-28T01:00:00Z'),
    test('old', 'c', 'pass', '2024-12-15T00:00:00Z'),
  ]);
}
