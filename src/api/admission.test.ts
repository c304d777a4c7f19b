import { describe, expect, it } from 'vitest';
import { ShiplogError } from '../lib/errors.ts';
import { Admission } from './admission.ts';

const later = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

describe('Admission', () => {
  it('runs at most max at once, queues the next in order, refuses beyond the queue with busy + Retry-After', async () => {
    const a = new Admission('POST /api/sql', 2, 1, 5000);
    const gates = [later(), later(), later()];
    const order: number[] = [];
    const runs = gates.map((g, i) => a.run(async () => { order.push(i); await g.p; return i; }));
    await Promise.resolve();
    expect(a.load).toEqual({ running: 2, queued: 1 });
    const refused = await a.run(async () => 9).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ShiplogError);
    expect((refused as ShiplogError).code).toBe('busy');
    expect((refused as ShiplogError).retryAfterS).toBe(5);
    gates[0].open();
    expect(await runs[0]).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });

  it('gives up on a queued request after maxWaitMs, and a failing run frees its turn', async () => {
    const a = new Admission('x', 1, 4, 30);
    const g = later();
    const first = a.run(() => g.p);
    await expect(a.run(async () => 1)).rejects.toThrow(/no turn within 30 ms/);
    expect(a.load).toEqual({ running: 1, queued: 0 });
    g.open();
    await first;
    await expect(a.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await a.run(async () => 2)).toBe(2);
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });
});
