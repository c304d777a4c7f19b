// Column kinds, labels and sorting, worked out by hand.
import { describe, expect, it } from 'vitest';
import { columnKind, columnLabel, sortRows } from './columns.ts';
import { formatUtc } from './format.ts';

describe('columnKind', () => {
  it('reads what a column holds from its name and a sample value', () => {
    expect(columnKind('deployer', 'alice')).toBe('person');
    expect(columnKind('deploy_key', 'deploy:sal:a1')).toBe('key');
    expect(columnKind('dst_key', 'task:T1')).toBe('key');
    expect(columnKind('started_at', '2024-02-02T12:00:00.000Z')).toBe('time');
    expect(columnKind('day', '2024-02-02T00:00:00.000Z')).toBe('time');
    expect(columnKind('duration_s', 600)).toBe('duration');
    expect(columnKind('builds', 12)).toBe('number');
    expect(columnKind('message', 'Backport [[gerrit:1|x]]')).toBe('message');
    expect(columnKind('kind', 'backport')).toBe('text');
    expect(columnKind('bucket', 'MediaWiki-Core')).toBe('text');
    expect(columnKind('entry_key', 'sal:4de5069c4ab77ec5')).toBe('key');
    expect(columnKind('raw_id', 'sal:wiki-line:4de5069c4ab77ec5#4de5069c4ab77ec5')).toBe('text');
  });

  it('labels columns without their _key and _s suffixes', () => {
    expect(columnLabel('deploy_key')).toBe('deploy');
    expect(columnLabel('duration_s')).toBe('duration');
    expect(columnLabel('failure_rate_30d')).toBe('failure rate 30d');
  });
});

describe('sortRows', () => {
  const rows = [{ n: 10, s: 'b' }, { n: 9, s: null }, { n: null, s: 'a10' }, { n: 100, s: 'a9' }];
  it('sorts numbers as numbers and text naturally, empty values last both ways', () => {
    expect(sortRows(rows, 'n', 'asc').map((r) => r.n)).toEqual([9, 10, 100, null]);
    expect(sortRows(rows, 'n', 'desc').map((r) => r.n)).toEqual([100, 10, 9, null]);
    expect(sortRows(rows, 's', 'asc').map((r) => r.s)).toEqual(['a9', 'a10', 'b', null]);
    expect(sortRows(rows, 's', 'desc').map((r) => r.s)).toEqual(['b', 'a10', 'a9', null]);
  });

  it('keeps the order of equal values and leaves the rows unsorted without a column', () => {
    const same = [{ k: 1, i: 'x' }, { k: 1, i: 'y' }];
    expect(sortRows(same, 'k', 'desc').map((r) => r.i)).toEqual(['x', 'y']);
    expect(sortRows(rows, undefined, 'asc')).toBe(rows);
  });
});

describe('formatUtc', () => {
  it('shows UTC minutes, and a date alone at midnight', () => {
    expect(formatUtc('2024-02-02T12:05:33.000Z')).toBe('2024-02-02 12:05');
    expect(formatUtc('2024-02-02T00:00:00.000Z')).toBe('2024-02-02');
  });
});
