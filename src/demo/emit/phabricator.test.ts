// The phabricator emitter writes the demo world as Conduit responses that the real
// source imports whole: every task, restricted ones as ids only, GerritBot links for the
// changes' Bug: tasks, and train blockers for the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { runMetric } from '../../metrics/run.ts';
import { trainBlockers } from '../../metrics/train_blockers/train_blockers.ts';
import { phabricatorSource } from '../../sources/phabricator/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { blockersOf, emitPhabricator, taskPhid } from './phabricator.ts';

describe('emitPhabricator', () => {
  it('round-trips the world through the phabricator source', async () => {
    const world = buildWorld({ seed: 7, now: NOW });
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-phab-emit-'));
    const store = await openStore(':memory:');
    try {
      const [imp] = await emitPhabricator(world, dir);
      const summary = await runSource({ store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch },
        { source: phabricatorSource, config: undefined, paths: imp.paths, options: {} });
      expect(summary.errors).toEqual([]);
      expect(await store.all('SELECT reason FROM rejects')).toEqual([]);
      const [{ n, restricted }] = await store.all<{ n: number; restricted: number }>('SELECT count(*) AS n, count(*) FILTER (WHERE restricted) AS restricted FROM tasks');
      expect(n).toBe(world.tasks.length);
      expect(restricted).toBe(world.tasks.filter((t) => t.restricted).length);
      expect(restricted).toBeGreaterThan(0);
      // Titles repeat across the world's tasks, so the check is by identity: a restricted task's
      // raw record is the redacted marker, and nothing stored names its PHID or its history.
      const secret = world.tasks.filter((t) => t.restricted);
      const raw = (await store.all<{ payload: string }>('SELECT payload FROM raw_records')).map((r) => r.payload).join('\n');
      expect(secret.filter((t) => raw.includes(taskPhid(t.id)))).toEqual([]);
      const stored = await store.all<{ key: string; payload: string }>("SELECT key, payload FROM raw_records WHERE kind = 'task' AND key IN (SELECT unnest($1::VARCHAR[]))", [secret.map((t) => `T${t.id}@restricted`)]);
      expect(stored).toHaveLength(secret.length);
      // the marker and when the recording was made (it orders the state against public ones), nothing else
      expect(stored.map((r) => Object.keys(JSON.parse(r.payload)).sort().join(','))).toEqual(stored.map(() => 'id,observed_at,restricted,type'));
      expect(stored.every((r) => JSON.parse(r.payload).id === Number(r.key.slice(1, r.key.indexOf('@'))) && JSON.parse(r.payload).restricted === true)).toBe(true);
      const [{ events }] = await store.all<{ events: number }>("SELECT count(*) AS events FROM task_events e JOIN tasks t USING (task_key) WHERE t.restricted");
      expect(events).toBe(0);
      const linkedPairs = new Set(world.changes.flatMap((c) => c.tasks.map((t) => `task:T${t}|change:${world.gerritHost}:${c.number}`)));
      const gerritbot = await store.all<{ k: string }>("SELECT src_key || '|' || dst_key AS k FROM links WHERE rule = 'gerritbot'");
      expect(gerritbot.length).toBe(linkedPairs.size);
      expect(gerritbot.every((l) => linkedPairs.has(l.k))).toBe(true);
      const [closed] = await store.all<{ n: number }>("SELECT count(*) AS n FROM tasks WHERE status_class = 'closed'");
      expect(closed.n).toBe(world.tasks.filter((t) => t.closedAt && !t.restricted).length);
      const report = await runMetric(trainBlockers, { store, clock: () => world.end }, {});
      const expected = [...blockersOf(world).values()].reduce((a, b) => a + b.length, 0);
      expect(report.rows.reduce((a, r) => a + (r.blockers as number), 0)).toBe(expected);
      expect(report.rows.every((r) => typeof r.release_task === 'string')).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
