// The calendar and incidents emitters write the demo world in real formats that the
// calendar, workflow and incidents sources read back: every window, its times and
// requests; SAL deployments land in their windows; every incident with its times, and the
// explicit causes linked to the deployments that carried the named changes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { findSource } from '../../sources/registry.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { emitCalendar } from './calendar.ts';
import { emitIncidents } from './incidents.ts';
import { emitSal } from './sal.ts';

describe('emitCalendar and emitIncidents', () => {
  it('round-trip windows, window assignment and incidents through the real sources', async () => {
    const world = buildWorld({ seed: 3, now: NOW });
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-demo-cal-'));
    const store = await openStore(':memory:');
    const deps = { store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch };
    for (const imp of [...(await emitSal(world, dir)), ...(await emitCalendar(world, dir)), ...(await emitIncidents(world, dir))]) {
      const s = await runSource(deps, { source: findSource(imp.source)!, config: undefined, paths: imp.paths, options: imp.options ?? {} });
      expect(s.errors, imp.source).toEqual([]);
      expect(s.rejected, imp.source).toBe(0);
    }
    const [w] = await store.all<{ n: number; req: number }>("SELECT count(*) AS n, sum(len(requested_changes)) AS req FROM windows WHERE source = 'calendar'");
    expect(w.n).toBe(world.windows.length);
    expect(w.req).toBe(world.windows.reduce((t, x) => t + x.requested.length, 0));
    const starts = await store.all<{ planned_start: Date }>("SELECT planned_start FROM windows WHERE source = 'calendar' ORDER BY 1");
    expect(starts.map((s) => s.planned_start.getTime())).toEqual(world.windows.map((x) => x.plannedStart.getTime()).sort((a, b) => a - b));
    const [wf] = await store.all<{ n: number }>("SELECT count(*) AS n FROM windows WHERE source = 'workflow' AND closed_at > opened_at");
    expect(wf.n).toBeGreaterThan(0);
    // deploys recorded by `shiplog deploy` pair with scap's SAL record of the same run
    const [twins] = await store.all<{ n: number; ok: number; paired: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE outcome = 'ok') AS ok,
              count(*) FILTER (WHERE outcome = 'ok' AND deploy_key IN (SELECT workflow_key FROM deploy_twins)) AS paired
         FROM deployments WHERE starts_with(deploy_key, 'deploy:workflow:')`);
    expect(twins.n).toBeGreaterThan(0);
    expect(twins.paired).toBe(twins.ok);
    const [planned] = await store.all<{ n: number }>("SELECT count(*) AS n FROM links WHERE rule = 'window-plan'");
    expect(planned.n).toBe(wf.n);
    // a backport done in a window lands in it; one done outside every window (a config change
    // that found no window in two days) lands in none, unless it happened to run during one
    const [bp] = await store.all<{ n: number; unassigned: number }>("SELECT count(*) AS n, count(*) FILTER (WHERE window_key IS NULL) AS unassigned FROM deployments WHERE kind = 'backport' AND starts_with(deploy_key, 'deploy:sal:')");
    const inWindows = world.deployments.filter((d) => d.kind === 'backport' && d.windowId).length;
    expect(inWindows).toBeGreaterThan(10);
    expect(bp.n - bp.unassigned).toBeGreaterThanOrEqual(inWindows);
    expect(bp.unassigned).toBeLessThanOrEqual(world.deployments.filter((d) => d.kind === 'backport' && !d.windowId).length);

    const incidents = await store.all<{ incident_key: string; started_at: Date; ended_at: Date }>('SELECT incident_key, started_at, ended_at FROM incidents ORDER BY 1');
    expect(incidents.map((i) => i.incident_key)).toEqual(world.incidents.map((i) => `incident:${i.id}`).sort());
    for (const i of world.incidents) {
      const row = incidents.find((x) => x.incident_key === `incident:${i.id}`)!;
      expect([row.started_at.getTime(), row.ended_at.getTime()]).toEqual([Math.floor(i.startedAt.getTime() / 60_000) * 60_000, Math.floor(i.endedAt.getTime() / 60_000) * 60_000]);
    }
    const explicit = world.incidents.filter((i) => i.causedBy && i.changes.length > 0).length;
    const [linked] = await store.all<{ n: number }>("SELECT count(DISTINCT src_key) AS n FROM links WHERE rule = 'incident-reference' AND starts_with(dst_key, 'deploy:')");
    expect(explicit).toBeGreaterThan(0);
    expect(linked.n).toBe(explicit);
    await store.close();
  });
});
