// The zuul emitter writes status.json snapshots of the world's queues that the zuul source
// reads back: every item seen in a snapshot, with its enqueue time and the wait until its
// first job started, taken at the files' modification times, under the Zuul host's name.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { zuulSource } from '../../sources/zuul/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { DAY } from '../time.ts';
import { buildWorld } from '../world.ts';
import { emitZuul, queueItems } from './zuul.ts';

const NOW = new Date('2026-05-06T09:30:00Z');

describe('emitZuul', () => {
  it('round-trips the last week of queue items through the zuul source', { timeout: 120_000 }, async () => {
    const world = buildWorld({ seed: 3, now: NOW });
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-demo-zuul-'));
    const store = await openStore(':memory:');
    try {
      const [imp] = await emitZuul(world, dir);
      expect(imp.paths.length).toBeGreaterThan(50);
      const s = await runSource({ store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch },
        { source: zuulSource, config: undefined, paths: imp.paths, options: imp.options ?? {} });
      expect(s.errors).toEqual([]);
      expect(s.rejected).toBe(0);
      expect(await store.all('SELECT scope FROM sync_state')).toEqual([{ scope: 'integration.wikimedia.org' }]);
      const rows = await store.all<{ change_key: string; patchset: number; pipeline: string; enqueued_at: Date; first_start_at: Date | null; last_seen_at: Date }>(
        'SELECT change_key, patchset, pipeline, enqueued_at, first_start_at, last_seen_at FROM zuul_queue_items');
      // an item shows in the snapshots when it was queued at one of the five-minute marks
      const marks = (from: number, to: number) => Math.floor((to - 1) / 300_000) - Math.floor((from - 1) / 300_000);
      const seen = queueItems(world, NOW.getTime() - 7 * DAY).filter((i) => marks(Math.max(i.enqueuedAt, NOW.getTime() - 7 * DAY), Math.min(i.leftAt, NOW.getTime())) > 0);
      expect(rows.length).toBe(seen.length);
      const item = seen.find((i) => i.builds[0].pipeline === 'gate-and-submit' && i.leftAt < NOW.getTime())!;
      const row = rows.find((r) => r.change_key === `change:gerrit.wikimedia.org:${item.change.number}` && r.pipeline === 'gate-and-submit')!;
      expect(row.enqueued_at).toEqual(new Date(item.enqueuedAt));
      const firstStart = Math.min(...item.builds.map((b) => b.startedAt.getTime()));
      if (row.first_start_at) expect(row.first_start_at.getTime()).toBeCloseTo(firstStart, -1);
      expect(rows.every((r) => r.last_seen_at <= NOW && r.last_seen_at.getTime() % 300_000 === 0)).toBe(true);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
