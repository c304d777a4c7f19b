// Hand-worked: November has 4 deployments (a cookbook is not one); the incident report
// names d1 (before the outage: a failure) and d2 (after it: the fix, not a failure);
// time proximity touches d1 and d3. December: d5 named by a report without a start time,
// d6 named through its workflow twin w6.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { changeFailureRate } from './change_failure_rate.ts';

describe('metric change_failure_rate', () => {
  it('gives the explicit and the time-proximity rates per month, apart', async () => {
    const store = await openStore(':memory:');
    const dep = (k: string, at: string, kind = 'sync-file') => ({ deploy_key: `deploy:sal:${k}`, kind, started_at: new Date(at), deployer: 'alice' });
    await store.write('deployments', [
      dep('d1', '2024-11-10T11:50:00Z'), dep('d2', '2024-11-10T12:30:00Z'), dep('d3', '2024-11-10T09:00:00Z'), dep('d4', '2024-11-20T09:00:00Z'),
      dep('c1', '2024-11-10T11:55:00Z', 'cookbook'), dep('d5', '2024-12-01T10:00:00Z'), dep('d6', '2024-12-02T10:00:00Z'),
      // d6 again, as recorded by `shiplog deploy` (same deployer, started just before the SAL saw it): counted once
      { deploy_key: 'deploy:workflow:w6', kind: 'sync-file', deployer: 'alice', started_at: new Date('2024-12-02T09:59:50Z'), finished_at: new Date('2024-12-02T10:05:00Z') },
    ]);
    await store.write('incidents', [
      { incident_key: 'incident:I1', started_at: new Date('2024-11-10T12:00:00Z') },
      { incident_key: 'incident:I2', started_at: null },
    ]);
    const link = (src: string, dst: string, rule: string, confidence: string) => ({ src_key: `incident:${src}`, dst_key: `deploy:sal:${dst}`, rule, confidence });
    await store.write('links', [
      link('I1', 'd1', 'incident-reference', 'high'), link('I1', 'd2', 'incident-reference', 'high'),
      link('I1', 'd1', 'time-proximity', 'low'), link('I1', 'd3', 'time-proximity', 'low'), link('I1', 'c1', 'time-proximity', 'low'),
      link('I2', 'd5', 'incident-reference', 'high'),
      { src_key: 'incident:I2', dst_key: 'deploy:workflow:w6', rule: 'incident-reference', confidence: 'high' },
    ]);
    const r = await runMetric(changeFailureRate, { store, clock: () => new Date() }, {});
    expect(r.rows.map((x) => [x.month, x.confidence, x.deployments, x.failed, x.rate])).toEqual([
      ['2024-11', 'high', 4, 1, 0.25], ['2024-11', 'low', 4, 2, 0.5],
      ['2024-12', 'high', 2, 2, 1], ['2024-12', 'low', 2, 0, 0],
    ]);
    expect(r.rows[1].variant).toBe('time-proximity (low confidence: not evidence of cause)');
    const dec = await runMetric(changeFailureRate, { store, clock: () => new Date() }, { since: '2024-12-01' });
    expect(dec.rows.map((x) => x.month)).toEqual(['2024-12', '2024-12']);
    await store.close();
  });
});
