// The calendar through the real pipeline into DuckDB, and the window assignment of
// deployments from any source (view deploy_window_match, link rule deploy-in-window, the
// UPDATE of deployments.window_key), including after another source re-derives.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { deriveAfterWrites } from '../../sync/derive.ts';
import { emptySummary } from '../../sync/summary.ts';
import { calendarSource } from './index.ts';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const clock = () => new Date('2025-01-01T00:00:00Z');

async function importCalendar(store: Awaited<ReturnType<typeof openStore>>, paths: string[], options: Record<string, unknown> = {}) {
  return runSource(
    { store, log: silentLogger(), clock, fetch: globalThis.fetch },
    { source: calendarSource, config: undefined, paths, options },
  );
}

const deploy = (id: string, at: string, extra: Record<string, unknown> = {}) => ({
  deploy_key: `deploy:sal:${id}`, kind: 'sync-file', started_at: new Date(at), finished_at: new Date(at),
  deployer: 'Urbanecm', outcome: 'ok', window_key: null, raw_id: `sal:entry:${id}#0`, ...extra,
});

describe('calendar ingest and window assignment', () => {
  it('fills windows and assigns deployments that started inside them', async () => {
    const store = await openStore(':memory:');
    await store.write('deployments', [
      deploy('a', '2024-12-04T21:10:00Z'), // UTC late backport window, deployer listed
      deploy('b', '2024-12-02T08:59:59Z', { deployer: 'someone' }), // UTC morning, not listed
      deploy('c', '2024-12-02T09:00:00Z'), // just after the window: none
      deploy('t', '2024-12-03T19:30:00Z', { kind: 'train-promote' }),
    ]);
    const summary = await importCalendar(store, [`${fixtures}deployments-week.html`, `${fixtures}deployments-week.wikitext`]);
    expect(summary.errors).toEqual([]);
    expect(summary.rejected).toBe(2);
    const rows = await store.all<{ deploy_key: string; window_key: string | null }>('SELECT deploy_key, window_key FROM deployments ORDER BY 1');
    expect(rows).toEqual([
      { deploy_key: 'deploy:sal:a', window_key: 'window:2024-12-04T2100Z-utc-late-backport-window' },
      { deploy_key: 'deploy:sal:b', window_key: 'window:2024-12-02T0800Z-utc-morning-backport-window' },
      { deploy_key: 'deploy:sal:c', window_key: null },
      { deploy_key: 'deploy:sal:t', window_key: 'window:2024-12-03T1900Z-mediawiki-train-1.44.0-wmf.6-version' },
    ]);
    const links = await store.all<{ src_key: string; confidence: string; evidence: string }>(
      "SELECT src_key, confidence, evidence FROM links WHERE rule = 'deploy-in-window' ORDER BY 1");
    expect(links.map((l) => [l.src_key, l.confidence])).toEqual([
      ['deploy:sal:a', 'medium'], ['deploy:sal:b', 'low'], ['deploy:sal:t', 'low'],
    ]);
    expect(links[0].evidence).toBe('started 2024-12-04 21:10:00 UTC, within UTC late backport window (planned 2024-12-04 21:00–22:00 UTC)');
    await store.close();
  });

  it('keeps the assignment after another source rebuilds its deployments (view + link rule)', async () => {
    const store = await openStore(':memory:');
    await importCalendar(store, [`${fixtures}deployments-week.wikitext`]);
    await store.write('deployments', [deploy('a', '2024-12-04T21:10:00Z')]); // arrives later, window_key NULL
    await deriveAfterWrites(store, clock, ['deployments']); // what a SAL sync runs
    const [v] = await store.all<{ window_key: string; window_rule: string }>("SELECT window_key, window_rule FROM deployments_windowed WHERE deploy_key = 'deploy:sal:a'");
    expect(v).toEqual({ window_key: 'window:2024-12-04T2100Z-utc-late-backport-window', window_rule: 'time' });
    const [l] = await store.all<{ n: number }>("SELECT count(*) AS n FROM links WHERE rule = 'deploy-in-window'");
    expect(l.n).toBe(1);
    await store.write('windows', [{ window_key: 'window:wf1', name: 'late', kind: 'backport', opened_at: new Date('2024-12-04T20:58:00Z'), source: 'workflow' }]);
    await deriveAfterWrites(store, clock, ['windows']);
    expect(await store.all("SELECT src_key, dst_key, confidence FROM links WHERE rule = 'window-plan'")).toEqual([
      { src_key: 'window:wf1', dst_key: 'window:2024-12-04T2100Z-utc-late-backport-window', confidence: 'medium' },
    ]);
    await store.run("DELETE FROM windows WHERE window_key = 'window:wf1'");
    await importCalendar(store, [`${fixtures}deployments-week.wikitext`]); // a re-run: nothing new, still one row
    expect(await store.all('SELECT count(*) AS n FROM windows')).toEqual([{ n: 3 }]);
    // the column follows the view whenever the calendar (or workflow) source derives
    await importCalendar(store, [`${fixtures}deployments-week.html`]);
    expect(await store.all('SELECT window_key FROM deployments')).toEqual([{ window_key: 'window:2024-12-04T2100Z-utc-late-backport-window' }]);
    await store.close();
  });

  it('rejects a schedule without the days to lay it out on, naming the file', async () => {
    const store = await openStore(':memory:');
    const s = await importCalendar(store, [`${fixtures}schedule-small.yaml`]);
    expect(s.rejected).toBe(1);
    const [r] = await store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects');
    expect(r.location).toMatch(/schedule-small\.yaml$/);
    expect(r.reason).toMatch(/--option from=YYYY-MM-DD/);
    const ok = await importCalendar(store, [`${fixtures}schedule-small.yaml`], { from: '2023-01-09', until: '2023-01-13', schedules: 'UTC-7' });
    expect(ok.tables.windows.new).toBe(5);
    await store.close();
  });
});

const SAMPLES = '/work/shared/samples/deployments';
describe.skipIf(!existsSync(SAMPLES))(`conformance with ${SAMPLES} (skipped when the samples folder is absent)`, () => {
  it('lays the real 2023-01 generator config out on one week', async () => {
    const store = await openStore(':memory:');
    const s = await importCalendar(store, [`${SAMPLES}/deployments-calendar.yaml.2023-01`], { from: '2023-01-09', until: '2023-01-15', schedules: 'UTC-7' });
    expect(s.errors).toEqual([]);
    const rows = await store.all<{ name: string; planned_start: Date }>(
      "SELECT name, planned_start FROM windows WHERE kind = 'backport' ORDER BY planned_start LIMIT 3");
    expect(rows.map((r) => [r.name, r.planned_start.toISOString()])).toEqual([
      ['UTC morning backport window', '2023-01-09T08:00:00.000Z'],
      ['UTC afternoon backport window', '2023-01-09T14:00:00.000Z'],
      ['UTC late backport window', '2023-01-09T21:00:00.000Z'],
    ]);
    const [t] = await store.all<{ n: number }>("SELECT count(*) AS n FROM windows WHERE kind = 'train'");
    expect(t.n).toBe(3);
    await store.close();
  });
});
