// The demo world is deterministic, ends at the clock's now, and is internally consistent the
// way real history is: what the emitters and the links between sources rely on.
import { describe, expect, it } from 'vitest';
import { DAY, WEEK } from './time.ts';
import type { DemoWorld } from './types.ts';
import { endOf } from './world-changes.ts';
import { buildWorld } from './world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way

/** Every dated event of the world, named, to check that none is after now. */
function events(w: DemoWorld): [string, Date | null][] {
  return [
    ...w.changes.flatMap((c) => [
      [`change ${c.number} created`, c.createdAt], [`change ${c.number} merged`, c.mergedAt], [`change ${c.number} abandoned`, c.abandonedAt],
      ...c.patchsets.map((p) => [`change ${c.number} PS${p.number}`, p.at] as [string, Date]),
      ...c.votes.map((v) => [`change ${c.number} vote`, v.at] as [string, Date]),
      ...c.builds.map((b) => [`build ${b.id} start`, b.startedAt] as [string, Date]),
    ] as [string, Date | null][]),
    ...w.tasks.flatMap((t) => [[`T${t.id} created`, t.createdAt], [`T${t.id} closed`, t.closedAt]] as [string, Date | null][]),
    ...w.deployments.flatMap((d) => [[`${d.id} start`, d.startedAt], [`${d.id} end`, d.finishedAt]] as [string, Date | null][]),
    ...w.windows.map((x) => [`window ${x.id}`, x.plannedStart] as [string, Date]),
    ...w.trains.flatMap((t) => t.steps.map((s) => [`${t.version} ${s.group}`, s.at] as [string, Date])),
    ...w.incidents.map((i) => [`incident ${i.id}`, i.endedAt] as [string, Date]),
  ];
}

describe('buildWorld', () => {
  const w = buildWorld({ seed: 7, now: NOW });

  it('is the same for the same seed and now, and differs for another seed', () => {
    const again = buildWorld({ seed: 7, now: NOW });
    expect(again.changes.map((c) => c.changeId)).toEqual(w.changes.map((c) => c.changeId));
    expect(again.deployments.map((d) => d.startedAt.getTime())).toEqual(w.deployments.map((d) => d.startedAt.getTime()));
    expect(buildWorld({ seed: 8, now: NOW }).changes[0].changeId).not.toBe(w.changes[0].changeId);
  });

  it('ends at now and starts on the Monday sixteen weeks before, with nothing after now', () => {
    expect(w.end).toEqual(NOW);
    expect(w.start.getUTCDay()).toBe(1);
    expect(NOW.getTime() - w.start.getTime()).toBeGreaterThanOrEqual(16 * WEEK);
    expect(NOW.getTime() - w.start.getTime()).toBeLessThan(17 * WEEK);
    const late = events(w).filter(([, at]) => at !== null && (at >= NOW || at < w.start));
    expect(late).toEqual([]);
    // a year later the world has moved with the clock: open tasks are weeks old, not a year
    const later = buildWorld({ seed: 7, now: new Date(NOW.getTime() + 365 * DAY) });
    const open = later.tasks.filter((t) => t.closedAt === null);
    expect(Math.max(...open.map((t) => later.end.getTime() - t.createdAt.getTime()))).toBeLessThan(17 * WEEK);
  });

  it('links what real history links', () => {
    const taskIds = new Set(w.tasks.map((t) => t.id));
    const changeNumbers = new Set(w.changes.map((c) => c.number));
    expect(changeNumbers.size).toBe(w.changes.length);
    for (const c of w.changes) for (const t of c.tasks) expect(taskIds.has(t)).toBe(true);
    for (const d of w.deployments) for (const n of d.changes) expect(changeNumbers.has(n)).toBe(true);
    for (const i of w.incidents) if (i.causedBy) expect(w.deployments.some((d) => d.id === i.causedBy)).toBe(true);
    for (const t of w.trains) expect(w.tasks.find((x) => x.id === t.blockerTask)?.releaseVersion).toBe(t.version);
    // a change's Bug: task was filed before the change
    const filed = new Map(w.tasks.map((t) => [t.id, t.createdAt]));
    expect(w.changes.filter((c) => c.tasks.some((t) => filed.get(t)! > c.createdAt)).map((c) => c.number)).toEqual([]);
  });

  it('closes a task after its fixes merged, never before', () => {
    const early = w.tasks.filter((t) => t.status === 'resolved' && t.closedAt).flatMap((t) =>
      w.changes.filter((c) => c.tasks.includes(t.id) && c.mergedAt && c.mergedAt > t.closedAt!).map((c) => `T${t.id} before ${c.number}`));
    expect(early).toEqual([]);
    const fixed = w.tasks.filter((t) => t.status === 'resolved' && w.changes.some((c) => c.tasks.includes(t.id) && c.mergedAt));
    expect(fixed.length).toBeGreaterThan(50);
    const reopened = w.tasks.filter((t) => t.reopenedAt);
    expect(reopened.length).toBeGreaterThan(0);
    for (const t of reopened) expect(t.firstClosedAt! < t.reopenedAt! && t.reopenedAt! < t.closedAt!).toBe(true);
  });

  it('merges a change after its gate passed, and deploys it after the merge', () => {
    const merged = w.changes.filter((c) => c.status === 'merged');
    expect(merged.length).toBeGreaterThan(w.changes.length / 2);
    expect(merged.every((c) => c.commitSha === c.patchsets[c.patchsets.length - 1].sha)).toBe(true);
    for (const c of merged) {
      const gate = c.builds.filter((b) => b.pipeline === 'gate-and-submit');
      expect(gate.length, `${c.number}`).toBeGreaterThan(0);
      expect(gate.every((b) => endOf(b) <= c.mergedAt! && b.startedAt >= c.approvedAt!), `${c.number}`).toBe(true);
    }
    const byNumber = new Map(w.changes.map((c) => [c.number, c]));
    for (const d of w.deployments) for (const n of d.changes) expect(byNumber.get(n)!.mergedAt! < d.startedAt, d.id).toBe(true);
    const pipelines = new Set(w.changes.flatMap((c) => c.builds.map((b) => b.pipeline)));
    expect([...pipelines].sort()).toEqual(['gate-and-submit', 'postmerge', 'test']);
  });

  it('numbers each job\'s builds in the order they started', () => {
    const byJob = new Map<string, number[]>();
    for (const b of w.changes.flatMap((c) => c.builds).sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime())) {
      byJob.set(b.job, [...(byJob.get(b.job) ?? []), b.buildNumber]);
    }
    for (const [job, numbers] of byJob) expect(numbers, job).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('makes every config commit a change: backports in windows, trains by deploy-promote', () => {
    const config = w.changes.filter((c) => c.repo === 'operations/mediawiki-config' && c.status === 'merged');
    const deployed = new Set(w.deployments.flatMap((d) => d.changes));
    // every merged config change that is not a train step was synced by scap
    expect(config.filter((c) => !c.train && !deployed.has(c.number)).map((c) => c.number)).toEqual([]);
    const windowed = w.deployments.filter((d) => d.kind === 'backport' && d.windowId);
    expect(windowed.length).toBeGreaterThan(10);
    for (const d of windowed) {
      const win = w.windows.find((x) => x.id === d.windowId)!;
      const change = w.changes.find((c) => c.number === d.changes[0])!;
      expect(change.votes.find((v) => v.value === 2 && v.label === 'Code-Review')?.voter, d.id).toBe(win.deployers[0]);
      expect(d.startedAt >= win.plannedStart, d.id).toBe(true);
    }
    const steps = w.trains.flatMap((t) => t.steps);
    for (const s of steps) expect(w.changes.find((c) => c.number === s.change)?.train?.group).toBe(s.group);
    expect(w.changes.some((c) => c.cherryPickOf && c.branch.startsWith('wmf/1.46.0-wmf.'))).toBe(true);
  });

  it('has windows of both eras, trains with rollbacks, this week\'s train half way, and restricted tasks', () => {
    expect(w.windows.some((x) => x.name.includes('SWAT'))).toBe(true);
    expect(w.windows.some((x) => x.name === 'UTC late backport window')).toBe(true);
    expect(w.trains.some((t) => t.steps.some((s) => s.kind === 'rollback'))).toBe(true);
    const current = w.trains[w.trains.length - 1];
    expect(current.steps.map((s) => s.group)).toEqual(['testwikis', 'group0']); // Tuesday's steps, not Wednesday's
    expect(w.tasks.find((t) => t.id === current.blockerTask)?.closedAt).toBeNull();
    expect(w.tasks.some((t) => t.restricted)).toBe(true);
  });
});
