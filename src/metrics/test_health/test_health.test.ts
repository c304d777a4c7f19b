// test_health on a tiny hand-made history whose answer was worked out by hand:
// T1 fails on the main line Jan 22–23, is fixed Jan 23 12:00 (36 h), fails again Jan 29;
// T2 passes and fails on the same change/patch set Jan 28 (flaky); T3 passed once in December.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { testHealth } from './test_health.ts';
import { seedHistory } from './history.fixture.ts';

const clock = () => new Date('2025-01-31T00:00:00Z');

describe('test_health', () => {
  it('computes rates, currently failing, flaky and time to fix per test', async () => {
    const store = await openStore(':memory:');
    await seedHistory(store);
    const res = await runMetric(testHealth, { store, clock }, { until: '2025-01-31T00:00:00Z' });
    const pick = (r: Record<string, unknown>) => ({
      name: r.name, runs_7d: r.runs_7d, failures_7d: r.failures_7d, runs_30d: r.runs_30d, failures_30d: r.failures_30d,
      failure_rate_30d: r.failure_rate_30d, runs_90d: r.runs_90d, currently_failing: r.currently_failing, failing_since: r.failing_since,
      flaky: r.flaky, first_failure_at: r.first_failure_at, mean_time_to_fix_h: r.mean_time_to_fix_h, fixed_episodes: r.fixed_episodes,
      last_seen_at: r.last_seen_at,
    });
    expect(res.rows.map(pick)).toEqual([
      {
        name: 'a', runs_7d: 1, failures_7d: 1, runs_30d: 5, failures_30d: 3, failure_rate_30d: 0.6, runs_90d: 5,
        currently_failing: true, failing_since: new Date('2025-01-29T00:00:00Z'), flaky: false,
        first_failure_at: new Date('2025-01-22T00:00:00Z'), mean_time_to_fix_h: 36, fixed_episodes: 1,
        last_seen_at: new Date('2025-01-29T00:00:00Z'),
      },
      {
        name: 'b', runs_7d: 2, failures_7d: 1, runs_30d: 2, failures_30d: 1, failure_rate_30d: 0.5, runs_90d: 2,
        currently_failing: false, failing_since: null, flaky: true, first_failure_at: new Date('2025-01-28T01:00:00Z'),
        mean_time_to_fix_h: null, fixed_episodes: 0, last_seen_at: new Date('2025-01-28T01:00:00Z'),
      },
      {
        name: 'c', runs_7d: 0, failures_7d: 0, runs_30d: 0, failures_30d: 0, failure_rate_30d: null, runs_90d: 1,
        currently_failing: false, failing_since: null, flaky: false, first_failure_at: null,
        mean_time_to_fix_h: null, fixed_episodes: 0, last_seen_at: new Date('2024-12-15T00:00:00Z'),
      },
    ]);
    // the narrowed computations for state=flaky|failing give the same rows as the full one
    const until = '2025-01-31T00:00:00Z';
    expect((await runMetric(testHealth, { store, clock }, { state: 'flaky', until })).rows).toEqual([res.rows[1]]);
    expect((await runMetric(testHealth, { store, clock }, { state: 'failing', until })).rows).toEqual([res.rows[0]]);
    // by default "as of" is just after the newest result (Jan 29 00:00:00), not the clock
    const byDefault = await runMetric(testHealth, { store, clock: () => new Date('2026-06-01T00:00:00Z') }, { q: 'a' });
    expect(byDefault.rows.map((r) => [r.name, r.runs_7d, r.currently_failing])).toEqual([['a', 3, true]]); // g3, g4, g5
    // as of Jan 25, the second failure has not happened: a is not failing
    const earlier = await runMetric(testHealth, { store, clock }, { until: '2025-01-25T00:00:00Z', q: 'A' });
    expect(earlier.rows.map((r) => [r.name, r.currently_failing, r.runs_7d])).toEqual([['a', false, 4]]); // g1–g4, Jan 21–23
    await store.close();
  });
});
