import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { shapeIssue, validItems } from './shape.ts';

describe('validItems', () => {
  const item = z.looseObject({ name: z.string(), queues: z.array(z.unknown()).optional() });
  it('keeps the good elements and names each bad one with its path and reason', () => {
    const bad: [string, string][] = [];
    const good = validItems([{ name: 'gate' }, { name: 5, queues: 'nope' }, null, 3, { name: 'post', extra: 1 }], item, 'pipelines', (w, r) => bad.push([w, r]));
    expect(good).toEqual([{ name: 'gate' }, { name: 'post', extra: 1 }]);
    expect(bad.map(([w]) => w)).toEqual(['pipelines[1]', 'pipelines[2]', 'pipelines[3]']);
    expect(bad[0][1]).toMatch(/^pipelines\[1\]\.name: .*expected string, received number/i);
    expect(bad[1][1]).toMatch(/^pipelines\[2\]: .*expected object, received null/i);
  });

  it('treats absent as empty and a non-list as one bad value', () => {
    const bad: string[] = [];
    expect(validItems(undefined, item, 'x', (_w, r) => bad.push(r))).toEqual([]);
    expect(validItems('nope', item, 'x', (_w, r) => bad.push(r))).toEqual([]);
    expect(bad).toEqual(['x: expected a list, received string']);
  });

  it('formats nested paths', () => {
    const r = z.object({ a: z.array(z.object({ b: z.number() })) }).safeParse({ a: [{ b: 1 }, { b: 'x' }] });
    expect(shapeIssue(r.error!)).toMatch(/^a\[1\]\.b: /);
  });
});
