// Hand-worked: Q4 2024 has outages of 30, 90 and 60 minutes (median 60) and one with no
// end; Q1 2025 one of 10 minutes.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { timeToRestore } from './time_to_restore.ts';

describe('metric time_to_restore', () => {
  it('gives the median minutes per quarter and counts incidents without an end apart', async () => {
    const store = await openStore(':memory:');
    const inc = (k: string, start: string, minutes: number | null) => ({
      incident_key: `incident:${k}`, started_at: new Date(start), ended_at: minutes === null ? null : new Date(new Date(start).getTime() + minutes * 60_000),
    });
    await store.write('incidents', [
      inc('a', '2024-10-02T10:00:00Z', 30), inc('b', '2024-11-02T10:00:00Z', 90), inc('c', '2024-12-30T23:30:00Z', 60),
      inc('d', '2024-12-01T10:00:00Z', null), inc('e', '2025-02-01T10:00:00Z', 10), { incident_key: 'incident:f', started_at: null },
    ]);
    const r = await runMetric(timeToRestore, { store, clock: () => new Date() }, {});
    expect(r.rows).toEqual([
      { quarter: '2024-Q4', incidents: 3, median_minutes: 60, mean_minutes: 60, max_minutes: 90, without_end: 1 },
      { quarter: '2025-Q1', incidents: 1, median_minutes: 10, mean_minutes: 10, max_minutes: 10, without_end: 0 },
    ]);
    await store.close();
  });
});
