// Incidents through the pipeline, and their links to deployments: explicit
// (incident-reference: SAL permalink, carried change) and time-proximity (low).
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { incidentsSource } from './index.ts';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const run = (store: Store, paths: string[], options: Record<string, unknown> = {}) => runSource(
  { store, log: silentLogger(), clock: () => new Date('2025-01-01T00:00:00Z'), fetch: globalThis.fetch },
  { source: incidentsSource, config: undefined, paths, options },
);
const deploy = (key: string, at: string) => ({ deploy_key: key, kind: 'sync-world', started_at: new Date(at), finished_at: new Date(at), deployer: 'd', outcome: 'ok', raw_id: 'sal:x#0' });

describe('incidents ingest and links', () => {
  it('links the deployments the report names (high) and those in the preceding hours (low)', async () => {
    const store = await openStore(':memory:');
    await store.write('deployments', [
      deploy('deploy:sal:AbCdEf0123', '2024-12-04T21:05:00Z'), // the SAL permalink in the timeline
      deploy('deploy:workflow:w1', '2024-12-04T21:06:00Z'), // carried gerrit 1100200
      deploy('deploy:sal:early', '2024-12-04T15:30:00Z'), // 5h50m before: inside 6h
      deploy('deploy:sal:older', '2024-12-04T15:00:00Z'), // 6h20m before: outside
      deploy('deploy:sal:after', '2024-12-04T22:30:00Z'), // after the outage began
    ]);
    await store.write('deployment_items', [{ item_key: 'deploy:workflow:w1/1', deploy_key: 'deploy:workflow:w1', change_number: 1100200 }]);
    const s = await run(store, [`${fixtures}Incidents-2024-12-04_Echo_fatals.wikitext`], { preceding_hours: 6 });
    expect(s.errors).toEqual([]);
    const links = await store.all<{ dst_key: string; rule: string; confidence: string; evidence: string }>(
      "SELECT dst_key, rule, confidence, evidence FROM links WHERE starts_with(src_key, 'incident:') AND starts_with(dst_key, 'deploy:') ORDER BY rule, dst_key");
    expect(links.map((l) => [l.rule, l.dst_key, l.confidence])).toEqual([
      ['incident-reference', 'deploy:sal:AbCdEf0123', 'high'],
      ['incident-reference', 'deploy:workflow:w1', 'high'],
      ['time-proximity', 'deploy:sal:AbCdEf0123', 'low'],
      ['time-proximity', 'deploy:sal:early', 'low'],
      ['time-proximity', 'deploy:workflow:w1', 'low'],
    ]);
    expect(links[1].evidence).toBe('the report references change 1100200, which this deployment carried');
    expect(links[3].evidence).toBe('deployment started 350 min before the outage began (2024-12-04 21:20 UTC; window 6 h): time proximity only, not evidence of cause');
    await store.close();
  });

  it('finds the deployment when the cited SAL entry is its Finished line', async () => {
    const store = await openStore(':memory:');
    await store.write('deployments', [{ ...deploy('deploy:sal:Start0001', '2024-12-04T21:01:00Z'), deployer: 'samtar', finished_at: new Date('2024-12-04T21:09:47Z') }]);
    await store.write('log_entries', [{
      entry_key: 'sal:AbCdEf0123', logged_at: new Date('2024-12-04T21:09:47Z'), user_name: 'samtar', nick: 'samtar@deploy2002',
      message: 'Finished scap sync-world: Backport for [[gerrit:1100200|Fix]] (duration: 08m 47s)',
    }]);
    await run(store, [`${fixtures}Incidents-2024-12-04_Echo_fatals.wikitext`]);
    const [l] = await store.all<{ dst_key: string; evidence: string }>("SELECT dst_key, evidence FROM links WHERE rule = 'incident-reference' AND starts_with(dst_key, 'deploy:')");
    expect(l).toEqual({
      dst_key: 'deploy:sal:Start0001',
      evidence: 'SAL permalink AbCdEf0123 cited in the report: Finished scap sync-world: Backport for [[gerrit:1100200|Fix]] (duration: 08m 47s)',
    });
    await store.close();
  });

  it('counts a non-report as a reject and stores the rest', async () => {
    const store = await openStore(':memory:');
    const s = await run(store, [fixtures]);
    expect(s.tables.incidents.new).toBe(2);
    expect(s.rejected).toBe(1);
    await store.close();
  });
});

const SAMPLES = '/work/shared/samples/incidents';
describe.skipIf(!existsSync(SAMPLES))(`conformance with ${SAMPLES} (skipped when the samples folder is absent)`, () => {
  it('reads every sample report, wikitext and rendered, with start and end times', async () => {
    const store = await openStore(':memory:');
    const s = await run(store, [SAMPLES]);
    expect(s.errors).toEqual([]);
    const rows = await store.all<{ incident_key: string; started_at: Date | null; ended_at: Date | null; started_by: string }>(
      'SELECT incident_key, started_at, ended_at, started_by FROM incidents ORDER BY incident_key');
    expect(rows).toHaveLength(readdirSync(SAMPLES).length);
    const commons = rows.find((r) => r.incident_key === 'incident:2019-03-28 commons');
    expect(commons).toMatchObject({ started_at: new Date('2019-03-27T16:55:00Z'), ended_at: new Date('2019-03-28T12:02:00Z'), started_by: 'marker' });
    for (const r of rows) expect(r.started_at, r.incident_key).toBeInstanceOf(Date);
    // the timeline is stored as written: commons' start is the OUTAGE BEGINS line, then the first alert
    const marked = await store.all<{ occurred_at: Date; marks: string; line: string }>(
      "SELECT occurred_at, marks, line FROM incident_timeline WHERE incident_key = 'incident:2019-03-28 commons' AND marks IS NOT NULL ORDER BY seq");
    expect(marked.map((m) => [m.occurred_at, m.marks])).toEqual([
      [new Date('2019-03-27T16:55:00Z'), 'start'], [new Date('2019-03-27T18:43:00Z'), 'detection'], [new Date('2019-03-28T12:02:00Z'), 'end'],
    ]);
    expect(marked[0].line).toMatch(/OUTAGE BEGINS/);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(DISTINCT incident_key)::INTEGER AS n FROM incident_timeline');
    expect(n).toBe(rows.length);
    await store.close();
  });
});
