// The demo world is deterministic and internally consistent: what the emitters rely on.
import { describe, expect, it } from 'vitest';
import { buildWorld } from './world.ts';

describe('buildWorld', () => {
  const w = buildWorld({ seed: 7 });

  it('is the same for the same seed and differs for another', () => {
    const again = buildWorld({ seed: 7 });
    expect(again.changes.map((c) => c.changeId)).toEqual(w.changes.map((c) => c.changeId));
    expect(buildWorld({ seed: 8 }).changes[0].changeId).not.toBe(w.changes[0].changeId);
  });

  it('links what real history links', () => {
    const taskIds = new Set(w.tasks.map((t) => t.id));
    const changeNumbers = new Set(w.changes.map((c) => c.number));
    expect(changeNumbers.size).toBe(w.changes.length);
    for (const c of w.changes) for (const t of c.tasks) expect(taskIds.has(t)).toBe(true);
    for (const d of w.deployments) for (const n of d.changes) expect(changeNumbers.has(n)).toBe(true);
    for (const i of w.incidents) if (i.causedBy) expect(w.deployments.some((d) => d.id === i.causedBy)).toBe(true);
    for (const t of w.trains) expect(w.tasks.find((x) => x.id === t.blockerTask)?.releaseVersion).toBe(t.version);
  });

  it('has merged changes with a commit and builds in every pipeline', () => {
    const merged = w.changes.filter((c) => c.status === 'merged');
    expect(merged.length).toBeGreaterThan(w.changes.length / 2);
    expect(merged.every((c) => c.commitSha === c.patchsets[c.patchsets.length - 1].sha)).toBe(true);
    const pipelines = new Set(w.changes.flatMap((c) => c.builds.map((b) => b.pipeline)));
    expect([...pipelines].sort()).toEqual(['gate-and-submit', 'postmerge', 'test']);
  });

  it('has windows of both eras, trains with rollbacks, and restricted tasks', () => {
    expect(w.windows.some((x) => x.name.includes('SWAT'))).toBe(true);
    expect(w.windows.some((x) => x.name === 'UTC late backport window')).toBe(true);
    expect(w.trains.some((t) => t.steps.some((s) => s.kind === 'rollback'))).toBe(true);
    expect(w.tasks.some((t) => t.restricted)).toBe(true);
  });
});
