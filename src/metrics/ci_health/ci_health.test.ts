// ci_health on hand-made builds: failure share in the window, a job failing now, and the
// time from a failure streak's first build to the next success; answers worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { ciHealth } from './ci_health.ts';

let store: Store;
beforeAll(async () => {
  store = await stewardWorld();
  let n = 0;
  const b = (job: string, pipeline: string, at: string, result: string, voting = true) => ({
    build_key: `build:zuul:${++n}`, system: 'zuul', repo: E, job, pipeline, started_at: t(at), result, voting, reported_at: t(at),
  });
  await store.write('ci_builds', [
    b('php', 'gate-and-submit', '2024-01-01T00:00:00Z', 'success'),
    b('php', 'gate-and-submit', '2024-01-02T00:00:00Z', 'failure'), // streak starts
    b('php', 'gate-and-submit', '2024-01-02T06:00:00Z', 'failure'),
    b('php', 'gate-and-submit', '2024-01-02T12:00:00Z', 'success'), // fixed after 12 h
    b('node', 'postmerge', '2024-01-03T00:00:00Z', 'success'),
    b('node', 'postmerge', '2024-01-04T00:00:00Z', 'failure'), // failing now, never fixed
    b('php', 'test', '2024-01-05T00:00:00Z', 'failure'), // counts in the share, not in failing now
    b('php', 'test', '2024-01-05T01:00:00Z', 'aborted'), // left out
    b('sqlite', 'test', '2024-01-05T02:00:00Z', 'failure', false), // non-voting: left out
  ]);
});
afterAll(() => store.close());

describe('ci_health', () => {
  it('gives the failure share, the jobs failing now and the mean time to fix', async () => {
    const r = await runMetric(ciHealth, { store, clock: () => t('2024-03-01') }, { repo: E });
    expect(r.rows).toEqual([{ repo: E, builds: 7, failed_builds: 4, failure_rate: 0.571, jobs_failing_now: 1, failing_jobs: ['node'], mean_hours_to_fix: 12 }]);
  });
});
