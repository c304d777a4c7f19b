// Delivery order, the spool when the target fails, events the server refuses set aside,
// and side files when another process holds the spool.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShiplogError } from '../lib/errors.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';
import { deliverEvents, type DeliveryTarget } from './deliver.ts';
import { readSpool, withSpoolLock } from './spool.ts';

const ev = (n: number): WorkflowEvent => ({
  type: 'window-open', window_id: `w-${n}xx`, name: 'UTC late backport window', opened_at: '2026-03-04T21:00:00Z', deployer: 'd', host: null,
});

function target(behaviour: (e: WorkflowEvent) => unknown): DeliveryTarget & { got: string[] } {
  const got: string[] = [];
  return {
    name: 'http://127.0.0.1:9', got,
    async send(events) {
      for (let i = 0; i < events.length; i++) {
        const err = behaviour(events[i]);
        if (err) return { delivered: i, error: err };
        got.push((events[i] as { window_id: string }).window_id);
      }
      return { delivered: events.length };
    },
  };
}

const down = new ShiplogError('source_unreachable', 'connect ECONNREFUSED');

describe('deliverEvents', () => {
  it('spools what the target cannot take, then delivers spool first and in order', async () => {
    const spool = join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool.jsonl');
    const off = target(() => down);
    expect(await deliverEvents(off, spool, [ev(1), ev(2)])).toMatchObject({ delivered: 0, spooled: 2, error: 'http://127.0.0.1:9: connect ECONNREFUSED' });
    expect(await deliverEvents(off, spool, [ev(3)])).toMatchObject({ spooled: 3 });
    expect(readSpool(spool).map((l) => (l.event as { window_id: string }).window_id)).toEqual(['w-1xx', 'w-2xx', 'w-3xx']);
    const on = target(() => undefined);
    expect(await deliverEvents(on, spool, [ev(4)])).toMatchObject({ delivered: 4, spooled: 0, error: null });
    expect(on.got).toEqual(['w-1xx', 'w-2xx', 'w-3xx', 'w-4xx']);
    expect(existsSync(spool)).toBe(false);
  });

  it('keeps the rest when the target fails half-way', async () => {
    const spool = join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool.jsonl');
    const flaky = target((e) => ((e as { window_id: string }).window_id === 'w-2xx' ? down : undefined));
    expect(await deliverEvents(flaky, spool, [ev(1), ev(2), ev(3)])).toMatchObject({ delivered: 1, spooled: 2 });
    expect(readSpool(spool)).toHaveLength(2);
  });

  it('sets refused and unreadable events aside instead of blocking or dropping them', async () => {
    const spool = join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool.jsonl');
    writeFileSync(spool, '{broken\n');
    const picky = target((e) => ((e as { window_id: string }).window_id === 'w-1xx' ? new ShiplogError('bad_request', 'body.name: too long') : undefined));
    expect(await deliverEvents(picky, spool, [ev(1), ev(2)])).toMatchObject({ delivered: 1, setAside: 2, spooled: 0 });
    const aside = readFileSync(`${spool}.rejected`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(aside.map((a) => a.reason)).toEqual(['unreadable spool line', 'body.name: too long']);
  });

  it('writes a side file when another process is delivering, and the next delivery takes it', async () => {
    const spool = join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool.jsonl');
    const on = target(() => undefined);
    await withSpoolLock(spool, async () => {
      expect(await deliverEvents(on, spool, [ev(1)])).toMatchObject({ spooled: 1, delivered: 0 });
    });
    expect(readSpool(spool)).toHaveLength(1);
    expect(await deliverEvents(on, spool, [ev(2)])).toMatchObject({ delivered: 2, spooled: 0 });
    expect(on.got).toEqual(['w-1xx', 'w-2xx']);
    expect(readSpool(spool)).toHaveLength(0);
  });
});
