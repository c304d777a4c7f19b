// Phabricator tasks of the demo world: filed over the world's span (makeTasks), then closed
// the way real tasks are (closeTasks), once the changes are known: a task with a merged fix
// is resolved by its owner after the last fix merged, sometimes reopened in between; a task
// with a fix still in review stays open; some are declined or found invalid. Train blockers
// close when their train reached group2, incident follow-ups a few days after the outage.
// Nothing closes after the world's end. Pure and deterministic.
import type { Rng } from './rng.ts';
import { at, DAY, HOUR, MIN } from './time.ts';
import type { DemoChange, DemoPerson, DemoRepo, DemoTask, DemoWorld } from './types.ts';
import { THINGS, VERBS } from './world-changes.ts';

const PROJECT_OF: Record<string, string> = { 'mediawiki/core': 'MediaWiki-Core', 'operations/mediawiki-config': 'Wikimedia-Site-requests' };
const PRIORITIES = [
  { value: 100, name: 'Unbreak Now!' }, { value: 90, name: 'Needs Triage' }, { value: 80, name: 'High' },
  { value: 50, name: 'Medium' }, { value: 25, name: 'Low' }, { value: 0, name: 'Lowest' },
];

export function projectOf(repo: string): string {
  return PROJECT_OF[repo] ?? `MediaWiki-extensions-${repo.split('/').pop()}`;
}

/** Tasks filed over the world's span, oldest first, all open until closeTasks runs. */
export function makeTasks(r: Rng, people: DemoPerson[], repos: DemoRepo[], start: Date, end: Date, n: number): DemoTask[] {
  const span = end.getTime() - start.getTime() - 2 * HOUR;
  const tasks: DemoTask[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = at(start, ((i + r()) / n) * span);
    const subtype = r.chance(0.03) ? 'security' : r.chance(0.45) ? 'bug' : r.chance(0.1) ? 'error' : 'default';
    const repo = r.pick(repos);
    tasks.push({
      id: 300000 + i * 3 + r.int(0, 2), title: `${r.pick(VERBS)} ${r.pick(THINGS)} in ${repo.name.split('/').pop()}`,
      subtype, status: 'open', priority: r.pick(PRIORITIES), createdAt, closedAt: null, firstClosedAt: null, reopenedAt: null,
      author: r.pick(people).id, owner: r.chance(0.5) ? r.pick(people).id : null,
      projects: [projectOf(repo.name), ...(r.chance(0.1) ? ['Wikimedia-production-error'] : [])],
      restricted: subtype === 'security', releaseVersion: null,
    });
  }
  return tasks;
}

function close(t: DemoTask, when: Date, end: Date, status: DemoTask['status'] = 'resolved'): void {
  if (when >= end) return;
  t.status = status;
  t.closedAt = when;
}

/** A task whose fixes merged: resolved after the last one, reopened after a first close sometimes. */
function closeFixed(r: Rng, w: DemoWorld, t: DemoTask, merged: DemoChange[]): void {
  const times = merged.map((c) => c.mergedAt!.getTime()).sort((a, b) => a - b);
  const last = times[times.length - 1];
  const first = times[0];
  if (times.length >= 2 && last - first > 2 * DAY && r.chance(0.4)) {
    const firstClose = at(new Date(first), r.int(10, 240) * MIN);
    const reopened = at(firstClose, r.int(2, Math.max(3, Math.floor((last - firstClose.getTime()) / HOUR) - 1)) * HOUR);
    if (reopened.getTime() < last) {
      t.firstClosedAt = firstClose;
      t.reopenedAt = reopened;
    }
  }
  close(t, at(new Date(last), r.int(5, 36 * 60) * MIN), w.end);
  if (t.closedAt === null) Object.assign(t, { firstClosedAt: null, reopenedAt: null });
}

export function closeTasks(r: Rng, w: DemoWorld): void {
  const changesOf = new Map<number, DemoChange[]>();
  for (const c of w.changes) for (const id of c.tasks) changesOf.set(id, [...(changesOf.get(id) ?? []), c]);
  // a train is done when its last step left group2 on the version (a rollback there reopens it)
  const trainEnd = new Map(w.trains.map((x) => {
    const last = x.steps[x.steps.length - 1];
    return [x.blockerTask, last?.group === 'group2' && last.kind === 'rollforward' ? last.at : null];
  }));
  const incidentOf = new Map(w.incidents.flatMap((i) => (i.tasks[0] ? [[i.tasks[0], i] as const] : [])));
  for (const t of w.tasks) {
    if (t.releaseVersion) {
      const done = trainEnd.get(t.id);
      if (done) close(t, at(done, r.int(1, 6) * HOUR), w.end);
      continue;
    }
    const incident = incidentOf.get(t.id);
    if (incident) {
      close(t, at(incident.endedAt, r.int(2, 10) * DAY), w.end);
      continue;
    }
    const linked = changesOf.get(t.id) ?? [];
    const merged = linked.filter((c) => c.status === 'merged');
    if (linked.length > 0 && !t.owner) t.owner = linked[0].owner; // who picked it up
    if (merged.length > 0 && !linked.some((c) => c.status === 'open') && r.chance(0.9)) closeFixed(r, w, t, merged);
    else if (linked.length === 0 && r.chance(0.3)) {
      close(t, at(t.createdAt, r.int(1, 30 * 24) * HOUR), w.end, r.chance(0.4) ? 'resolved' : r.pick(['declined', 'invalid', 'duplicate'] as const));
    }
    if (t.status === 'open' && r.chance(0.08)) t.status = 'stalled';
  }
}
