// Freshness of a source: the age of its stalest configured scope against warn_after and
// error_after; `never` while one of its scopes has not synced; imported scopes that the
// config does not name do not count; the schedule's next run and failures come along.
import { describe, expect, it } from 'vitest';
import { planOf } from '../config/schedule.ts';
import { freshnessOf } from './freshness.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
const plan = planOf('gerrit', { interval: '10m', warn_after: '30m', error_after: '2h' });
const entry = { plan, scopes: ['project:a', 'project:b'] };
const row = (scope: string, success: Date | null, error: string | null = null) =>
  ({ source: 'gerrit', scope, last_run_at: success ?? ago(1), last_success_at: success, last_error: error });

describe('freshnessOf', () => {
  it.each([
    [[row('project:a', ago(5)), row('project:b', ago(20))], 'ok', 20 * 60],
    [[row('project:a', ago(5)), row('project:b', ago(45))], 'warn', 45 * 60],
    [[row('project:a', ago(5)), row('project:b', ago(180))], 'error', 180 * 60],
    [[row('project:a', ago(5))], 'never', null],
    [[row('project:a', ago(5)), row('project:b', null, 'HTTP 503')], 'never', null],
  ] as const)('%# → %s', (rows, state, age) => {
    const [f] = freshnessOf([entry], [...rows], NOW);
    expect(f.state).toBe(state);
    expect(f.age_s).toBe(age);
    expect(f.warn_after_s).toBe(1800);
    expect(f.error_after_s).toBe(7200);
  });

  it('names the stalest scope and the newest error, and ignores scopes the config does not name', () => {
    const rows = [row('project:a', ago(50), 'gerrit project:a: HTTP 503'), row('project:b', ago(10)), row('/tmp/imported.json', ago(10_000))];
    const [f] = freshnessOf([entry], rows, NOW, [{
      source: 'gerrit', interval_s: 600, next_sync_at: ago(-3), running_since: null, last_started_at: null, last_finished_at: null,
      last_outcome: 'failed', last_error: 'x', last_duration_ms: 10, consecutive_failures: 2, syncs_ok: 0, syncs_failed: 2,
    }]);
    expect(f).toMatchObject({
      state: 'warn', stalest_scope: 'project:a', last_success_at: ago(50), last_error: 'gerrit project:a: HTTP 503',
      scheduled: true, next_sync_at: ago(-3), consecutive_failures: 2, scopes: 2,
    });
  });
});
