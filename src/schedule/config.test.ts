// schedule: in the config: durations as written, the defaults each plan gets, and the
// config errors (a schedule for a source with nothing to sync, a bad duration) named by key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { formatDuration, parseDuration } from '../lib/duration.ts';
import { planOf } from '../config/schedule.ts';
import { scheduleOf } from './run.ts';

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-schedule-'));
  writeFileSync(join(dir, 'shiplog.yaml'), yaml);
  return loadConfig({ env: {}, cwd: dir });
}

const GERRIT = 'sources:\n  gerrit:\n    url: https://gerrit.example.org/r\n    projects: [mediawiki/core, operations/mediawiki-config]\n';

describe('durations', () => {
  it('reads seconds, minutes, hours, days and plain seconds, and prints them back', () => {
    expect(['90s', '15m', '1.5h', '2d', '250ms'].map((d) => parseDuration(d))).toEqual([90_000, 900_000, 5_400_000, 172_800_000, 250]);
    expect(parseDuration(30)).toBe(30_000);
    expect(parseDuration('soon')).toBeNull();
    expect([5_400_000, 90_000, 1500, 172_800_000].map(formatDuration)).toEqual(['1h30m', '1m30s', '1.5s', '2d']);
  });
});

describe('planOf', () => {
  it('fills in the defaults from the interval', () => {
    expect(planOf('gerrit', { interval: '15m' })).toEqual({
      source: 'gerrit', enabled: true, intervalMs: 900_000, jitterMs: 90_000, retryMs: 60_000, warnAfterMs: 1_800_000, errorAfterMs: 5_400_000,
    });
    expect(planOf('sal', undefined)).toMatchObject({ intervalMs: 3_600_000, jitterMs: 300_000, warnAfterMs: 7_200_000, errorAfterMs: 21_600_000 });
  });
});

describe('schedule in shiplog.yaml', () => {
  it('plans every source with something to sync, with its scopes', () => {
    const { config } = load(`${GERRIT}schedule:\n  gerrit: { interval: 10m, jitter: 0, warn_after: 1h, error_after: 4h }\n`);
    const [entry] = scheduleOf(config);
    expect(entry.scopes).toEqual(['project:mediawiki/core', 'project:operations/mediawiki-config']);
    expect(entry.plan).toMatchObject({ source: 'gerrit', intervalMs: 600_000, jitterMs: 0, warnAfterMs: 3_600_000, errorAfterMs: 14_400_000 });
  });

  it.each([
    ['schedule:\n  sal: { interval: 1h }\n', /schedule\.sal: there is no sources\.sal section to sync/],
    [`${GERRIT}schedule:\n  gerrit: { interval: soon }\n`, /schedule\.gerrit\.interval: /],
    [`${GERRIT}schedule:\n  gerrit: { interval: 1h, warn_after: 2h, error_after: 1h }\n`, /schedule\.gerrit\.error_after: must not be shorter than warn_after/],
    [`${GERRIT}schedule:\n  gerrit: { interval: 500ms }\n`, /schedule\.gerrit\.interval: must be at least 1s/],
    [`${GERRIT}schedule:\n  gerrit: { every: 1h }\n`, /schedule\.gerrit: .*every/],
    ['schedule:\n  nosuch: { interval: 1h }\n', /schedule: .*nosuch/],
  ])('refuses %j', (yaml, message) => {
    expect(() => load(yaml)).toThrow(message);
  });
});
