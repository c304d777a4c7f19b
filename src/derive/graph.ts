// The derive graph: step B depends on step A when A writes a table B reads. Steps run in
// that order (registration order among independent ones); a cycle — two steps that read
// each other's output — is cut where the registration puts it, and the fixpoint loop in
// run.ts runs the steps again until nothing changes.
import type { Step } from '../model/step.ts';

export interface Edge {
  from: string;
  to: string;
  via: string[];
}

export function edgesOf(steps: readonly Step[]): Edge[] {
  const out: Edge[] = [];
  for (const a of steps) {
    for (const b of steps) {
      if (a === b) continue;
      const via = a.writes.filter((t) => (b.reads as readonly string[]).includes(t));
      if (via.length > 0) out.push({ from: a.name, to: b.name, via });
    }
  }
  return out;
}

/** Kahn's order over the edges; steps left in a cycle follow in registration order. */
export function orderSteps(steps: readonly Step[]): Step[] {
  const edges = edgesOf(steps);
  const indegree = new Map(steps.map((s) => [s.name, 0]));
  for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const done = new Set<string>();
  const out: Step[] = [];
  for (;;) {
    const next = steps.find((s) => !done.has(s.name) && indegree.get(s.name) === 0);
    if (!next) break;
    done.add(next.name);
    out.push(next);
    for (const e of edges) if (e.from === next.name) indegree.set(e.to, (indegree.get(e.to) ?? 0) - 1);
  }
  return [...out, ...steps.filter((s) => !done.has(s.name))];
}

/** The graph as `shiplog status --json` and docs/architecture.md show it. */
export function describeGraph(steps: readonly Step[]) {
  return orderSteps(steps).map((s) => ({
    step: s.name,
    description: s.description,
    reads: [...s.reads],
    writes: [...s.writes],
    after: edgesOf(steps).filter((e) => e.to === s.name).map((e) => e.from),
  }));
}
