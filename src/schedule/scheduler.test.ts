// The schedule with an injected clock and sleep: sources one at a time in due order, each
// every interval (+ jitter), failures retried after retry·2^(n−1) up to the interval and
// reset by a success, a busy source tried again without counting a failure, stop()
// aborting the wait, and the first runs placed where the store left off.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/log.ts';
import { planOf } from '../config/schedule.ts';
import { backoffMs, Scheduler, type SyncOutcome } from './scheduler.ts';

const T0 = Date.parse('2026-03-02T00:00:00Z');

function harness(plans = [planOf('gerrit', { interval: '10m', jitter: 0 }), planOf('jenkins', { interval: '15m', jitter: 0, retry: '1m' })]) {
  let now = T0;
  const calls: { source: string; at: number }[] = [];
  const outcomes: Record<string, (SyncOutcome | Error)[]> = {};
  let scheduler!: Scheduler;
  let stopAfter = Infinity;
  let reached = () => undefined as void;
  const make = (last: Map<string, Date | null> = new Map(), random = () => 0) => {
    scheduler = new Scheduler({
      log: silentLogger(), clock: () => new Date(now), random,
      sleep: async (ms) => { now += ms; },
      async sync(source) {
        calls.push({ source, at: now - T0 });
        now += 5_000; // a sync takes 5 s
        if (calls.length >= stopAfter) {
          void scheduler.stop(); // ends the loop after this run
          reached();
        }
        const next = outcomes[source]?.shift() ?? { ok: true, errors: [] };
        if (next instanceof Error) throw next;
        return next;
      },
    }, plans, last);
    return scheduler;
  };
  const runUntil = async (n: number) => {
    stopAfter = n;
    const done = new Promise<void>((r) => (reached = r));
    scheduler.start();
    await done;
    await scheduler.stop();
  };
  return { make, runUntil, calls, outcomes, now: () => now };
}

const min = 60_000;

describe('Scheduler', () => {
  it('syncs each source every interval, one at a time', async () => {
    const h = harness();
    h.make();
    await h.runUntil(6);
    expect(h.calls.map((c) => [c.source, c.at / 1000])).toEqual([
      ['gerrit', 0], ['jenkins', 5], // both due at start: one after the other
      ['gerrit', 605], ['jenkins', 910], ['gerrit', 1210], ['gerrit', 1815],
    ]);
  });

  it('retries a failing source after 1, 2, 4 … minutes up to the interval, and resets after a success', async () => {
    const h = harness([planOf('jenkins', { interval: '15m', jitter: 0, retry: '1m' })]);
    h.outcomes.jenkins = [...Array.from({ length: 6 }, () => ({ ok: false, errors: ['jenkins job/x: HTTP 503'] })), { ok: true, errors: [] }];
    const s = h.make();
    await h.runUntil(8);
    const gaps = h.calls.slice(1).map((c, i) => (c.at - h.calls[i].at - 5_000) / min);
    expect(gaps).toEqual([1, 2, 4, 8, 15, 15, 15]); // capped at the interval; after the success: the interval
    expect(s.states()[0]).toMatchObject({ consecutive_failures: 0, syncs_failed: 6, syncs_ok: 2, last_outcome: 'ok', last_error: null });
  });

  it('counts a sync that throws as a failure and keeps its message', async () => {
    const h = harness([planOf('gerrit', { interval: '10m', jitter: 0 })]);
    h.outcomes.gerrit = [new Error('http://127.0.0.1:1/r: connect ECONNREFUSED')];
    const s = h.make();
    await h.runUntil(1);
    expect(s.states()[0]).toMatchObject({ last_outcome: 'failed', consecutive_failures: 1, last_error: 'http://127.0.0.1:1/r: connect ECONNREFUSED' });
    expect(s.states()[0].next_sync_at!.getTime() - h.now()).toBe(60_000);
  });

  it('tries a busy source again after retry without counting a failure', async () => {
    const h = harness([planOf('gerrit', { interval: '10m', jitter: 0, retry: '30s' })]);
    h.outcomes.gerrit = [{ ok: false, busy: true, errors: ['gerrit is being synced'] }];
    const s = h.make();
    await h.runUntil(2);
    expect(h.calls.map((c) => c.at / 1000)).toEqual([0, 35]);
    expect(s.states()[0]).toMatchObject({ consecutive_failures: 0, syncs_failed: 0, syncs_ok: 1 });
  });

  it('adds jitter up to the configured amount', async () => {
    const h = harness([planOf('gerrit', { interval: '10m', jitter: '1m' })]);
    h.make(new Map(), () => 0.5);
    await h.runUntil(2);
    expect(h.calls[1].at - h.calls[0].at).toBe(5_000 + 10 * min + 30_000);
  });

  it('starts where the store left off: a recently synced source waits for the rest of its interval', async () => {
    const h = harness();
    h.make(new Map([['gerrit', new Date(T0 - 4 * min)], ['jenkins', null]]));
    await h.runUntil(2);
    expect(h.calls.map((c) => [c.source, c.at / min])).toEqual([['jenkins', 0], ['gerrit', 6]]);
  });

  it('stop() ends a long wait at once', async () => {
    const s = new Scheduler({ log: silentLogger(), clock: () => new Date(T0), sync: async () => ({ ok: true, errors: [] }) },
      [planOf('gerrit', { interval: '1h' })], new Map([['gerrit', new Date(T0)]]));
    s.start();
    const t = Date.now();
    await s.stop();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(s.states()[0].syncs_ok).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles from retry and never exceeds the interval', () => {
    const plan = planOf('x', { interval: '1h', retry: '1m' });
    expect([1, 2, 3, 6, 7, 20].map((n) => backoffMs(plan, n) / min)).toEqual([1, 2, 4, 32, 60, 60]);
  });
});
