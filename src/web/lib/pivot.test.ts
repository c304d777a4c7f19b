// pivot: explore rows → chart points, worked out by hand.
import { describe, expect, it } from 'vitest';
import { categoryPoints, timePoints } from './pivot.ts';

const at = (d: string) => new Date(`${d}T00:00:00.000Z`);

describe('timePoints', () => {
  it('makes one series per group over the union of buckets, zero-filled, biggest group first', () => {
    const rows = [
      { bucket: '2024-01-01T00:00:00.000Z', kind: 'a', value: 1 },
      { bucket: '2024-01-08T00:00:00.000Z', kind: 'a', value: 2 },
      { bucket: '2024-01-08T00:00:00.000Z', kind: 'b', value: 5 },
    ];
    expect(timePoints(rows, ['kind'])).toEqual([
      { t: at('2024-01-01'), series: 'b', value: 0 }, { t: at('2024-01-01'), series: 'a', value: 1 },
      { t: at('2024-01-08'), series: 'b', value: 5 }, { t: at('2024-01-08'), series: 'a', value: 2 },
    ]);
  });

  it('sums the smallest groups into "other" so stacked totals stay right', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ bucket: '2024-01-01T00:00:00Z', g: `g${i}`, value: i + 1 }));
    const points = timePoints(rows, ['g'], 3);
    expect(points.map((p) => `${p.series}=${p.value}`)).toEqual(['g4=5', 'g3=4', 'other=6']);
    expect(points.reduce((n, p) => n + (p.value ?? 0), 0)).toBe(15);
  });

  it('labels groups through the given function (display names)', () => {
    const points = timePoints([{ bucket: '2024-01-01T00:00:00Z', deployer: 'alice', value: 2 }], ['deployer'], 8, (_c, v) => `name of ${String(v)}`);
    expect(points[0].series).toBe('name of alice');
  });
});

describe('categoryPoints', () => {
  it('takes the first group as the category and the others as the series', () => {
    expect(categoryPoints([{ deployer: 'alice', kind: 'x', value: 3 }, { deployer: null, kind: 'y', value: 1 }], ['deployer', 'kind'])).toEqual([
      { category: 'alice', series: 'x', value: 3 }, { category: '∅', series: 'y', value: 1 },
    ]);
    expect(categoryPoints([{ value: 7 }], [])).toEqual([{ category: 'all', series: 'value', value: 7 }]);
  });

  it('keeps the biggest categories', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ repo: `r${i}`, value: i }));
    expect(categoryPoints(rows, ['repo'], 2).map((p) => p.category)).toEqual(['r4', 'r5']);
  });
});
