// pivot: explore rows → chart series, worked out by hand.
import { describe, expect, it } from 'vitest';
import { pivot } from './pivot.ts';

describe('pivot', () => {
  it('makes one series per group over the union of buckets, zero-filled, biggest group first', () => {
    const rows = [
      { bucket: '2024-01-01T00:00:00.000Z', kind: 'a', value: 1 },
      { bucket: '2024-01-08T00:00:00.000Z', kind: 'a', value: 2 },
      { bucket: '2024-01-08T00:00:00.000Z', kind: 'b', value: 5 },
    ];
    const p = pivot(rows, ['kind'], true);
    expect(p.x).toEqual([Date.UTC(2024, 0, 1) / 1000, Date.UTC(2024, 0, 8) / 1000]);
    expect(p.series).toEqual([{ label: 'b', values: [0, 5] }, { label: 'a', values: [1, 2] }]);
  });

  it('labels categories by their group values when there is no bucket', () => {
    const p = pivot([{ deployer: 'alice', kind: 'x', value: 3 }, { deployer: null, kind: 'y', value: 1 }], ['deployer', 'kind'], false);
    expect(p.categories).toEqual(['alice / x', '∅ / y']);
    expect(p.series).toEqual([{ label: 'value', values: [3, 1] }]);
  });

  it('keeps at most maxSeries groups', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ bucket: '2024-01-01T00:00:00Z', g: `g${i}`, value: i }));
    expect(pivot(rows, ['g'], true, 5).series.map((s) => s.label)).toEqual(['g19', 'g18', 'g17', 'g16', 'g15']);
  });
});
