// The operations half of the demo world: backport windows three times a weekday, the
// weekly train (testwikis/group0 Tuesday, group1 Wednesday, group2 Thursday, with delays and
// rollbacks), each train step made by a `scap deploy-promote` change in
// operations/mediawiki-config, and incidents, some caused by a named deployment and some
// merely after one. The deployments themselves come from world-deploys.ts. Nothing is
// planned or happens after the world's end. Pure and deterministic.
import type { Rng } from './rng.ts';
import { at, DAY, HOUR, MIN, WEEK } from './time.ts';
import type { DemoTrain, DemoWindow, DemoWorld } from './types.ts';
import { CONFIG_REPO, finishChange, newChange, type Builder, type ChangeNumbers } from './world-changes.ts';

/** The first three weeks are the SWAT era: window names, `scap` wordings, SWAT sync-files. */
export const swatEra = (w: DemoWorld, t: Date): boolean => t < at(w.start, 3 * WEEK);

/** Window names changed over the years; the world uses the SWAT-era names first. */
function windowName(slot: number, swat: boolean): string {
  if (swat) return ['European Mid-day SWAT (Max 6 patches)', 'Morning SWAT (Max 6 patches)', 'Evening SWAT (Max 6 patches)'][slot];
  return ['UTC morning backport window', 'UTC afternoon backport window', 'UTC late backport window'][slot];
}
const SLOT_HOURS = [7, 13, 20];

export function makeWindows(r: Rng, w: DemoWorld): DemoWindow[] {
  const deployers = w.people.filter((p) => p.deployer);
  const out: DemoWindow[] = [];
  for (let d = new Date(w.start); d < w.end; d = at(d, DAY)) {
    const dow = d.getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const date = d.toISOString().slice(0, 10);
    SLOT_HOURS.forEach((h, slot) => {
      const plannedStart = at(d, h * HOUR);
      if (plannedStart >= w.end) return;
      out.push({
        id: `${date}-${['morning', 'afternoon', 'late'][slot]}`, name: windowName(slot, swatEra(w, plannedStart)), kind: 'backport',
        plannedStart, plannedEnd: at(plannedStart, HOUR), deployers: [r.pick(deployers).id, ...(r.chance(0.3) ? [r.pick(deployers).id] : [])],
        maxPatches: 6, requested: [],
      });
    });
    const plannedStart = at(d, 20 * HOUR);
    if (dow >= 2 && dow <= 4 && plannedStart < w.end) {
      out.push({
        id: `${date}-train`, name: 'MediaWiki train - Utc-7 Version', kind: 'train', plannedStart,
        plannedEnd: at(plannedStart, 2 * HOUR), deployers: [r.pick(deployers).id], maxPatches: 0, requested: [],
      });
    }
  }
  return out;
}

type Step = Omit<DemoTrain['steps'][number], 'change'>;

function plannedSteps(r: Rng, tue: Date): Step[] {
  const t = (days: number, hour: number) => at(tue, days * DAY + hour * HOUR + r.int(0, 50) * MIN);
  const delay1 = r.chance(0.2) ? 1 : 0;
  const delay2 = delay1 + (r.chance(0.15) ? (r.chance(0.5) ? 1 : 5) : 0);
  const steps: Step[] = [
    { group: 'testwikis', kind: 'rollforward', at: t(0, 19) },
    { group: 'group0', kind: 'rollforward', at: t(0, 20) },
    { group: 'group1', kind: 'rollforward', at: t(1 + delay1, 20) },
  ];
  if (r.chance(0.2)) steps.push({ group: 'group1', kind: 'rollback', at: t(1 + delay1, 21) }, { group: 'group1', kind: 'rollforward', at: t(2 + delay1, 14) });
  if (!r.chance(0.05)) {
    steps.push({ group: 'group2', kind: 'rollforward', at: t(2 + delay2, 20) });
    if (r.chance(0.1)) steps.push({ group: 'group2', kind: 'rollback', at: t(2 + delay2, 22) }, { group: 'group2', kind: 'rollforward', at: t(3 + delay2, 15) });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The weekly trains. Each step is a wikiversions.json change made and merged by the train's
 * conductor (`scap deploy-promote`); the sync follows the merge. Steps after the world's end
 * have not happened yet, so this week's train may be half way.
 */
export function makeTrains(b: Builder, numbers: ChangeNumbers): DemoTrain[] {
  const { r, w } = b;
  const trains: DemoTrain[] = [];
  const conductors = w.people.filter((p) => p.deployer);
  let week = 0;
  // from the second week: config changes merged in the first give wikiversions.json its start
  for (let tue = at(w.start, WEEK + DAY); tue < w.end; tue = at(tue, WEEK), week++) {
    const version = `1.46.0-wmf.${week + 10}`;
    const blocker = 200000 + week;
    w.tasks.push({
      id: blocker, title: `${version} deployment blockers`, subtype: 'release', status: 'open',
      priority: { value: 50, name: 'Medium' }, createdAt: new Date(Math.max(w.start.getTime(), at(tue, -7 * DAY).getTime())), closedAt: null,
      firstClosedAt: null, reopenedAt: null, author: w.people[0].id, owner: conductors[week % conductors.length].id,
      projects: ['Release', 'Train Deployments'], restricted: false, releaseVersion: version,
    });
    const conductor = conductors[week % conductors.length].id;
    for (const win of w.windows) if (win.kind === 'train' && win.plannedStart >= tue && win.plannedStart < at(tue, WEEK)) win.deployers = [conductor];
    const train: DemoTrain = { version, branchedAt: at(tue, 2 * HOUR), blockerTask: blocker, steps: [] };
    for (const s of plannedSteps(r, tue)) {
      const createdAt = at(s.at, -r.int(8, 14) * MIN);
      if (createdAt >= w.end) break;
      const subject = s.kind === 'rollforward' ? `${s.group} to ${version}` : `Revert "${s.group} to ${version}"`;
      const ch = newChange(b, CONFIG_REPO, createdAt, conductor, subject, [blocker], 1);
      ch.number = numbers.at(createdAt);
      ch.train = { version, group: s.group, kind: s.kind };
      w.changes.push(ch);
      const merged = finishChange(b, ch, at(createdAt, r.int(10, 40) * 1000), conductor);
      const syncedAt = merged ? at(merged, r.int(30, 90) * 1000) : null;
      if (!syncedAt || syncedAt >= w.end) break;
      train.steps.push({ ...s, at: syncedAt, change: ch.number });
    }
    if (train.branchedAt < w.end) trains.push(train);
  }
  return trains;
}

export function makeIncidents(r: Rng, w: DemoWorld): void {
  const n = { tiny: 3, small: 8, large: 120 }[w.scale];
  const pool = w.deployments.filter((d) => d.kind === 'backport' || d.kind === 'train-promote');
  for (let i = 0; i < n && pool.length; i++) {
    const d = pool[Math.floor((i + 0.5) * (pool.length / n))];
    const startedAt = at(d.finishedAt ?? d.startedAt, r.int(10, 150) * MIN);
    const endedAt = at(startedAt, r.int(20, 180) * MIN);
    if (endedAt >= w.end) continue;
    const explicit = r.chance(0.6);
    const taskId = 500000 + i;
    w.tasks.push({
      id: taskId, title: `Incident follow-up: elevated 5xx after ${d.kind}`, subtype: 'bug', status: 'open',
      priority: { value: 100, name: 'Unbreak Now!' }, createdAt: startedAt, closedAt: null, firstClosedAt: null, reopenedAt: null,
      author: d.deployer, owner: d.deployer, projects: ['Wikimedia-Incident'], restricted: false, releaseVersion: null,
    });
    const date = startedAt.toISOString().slice(0, 10);
    w.incidents.push({
      id: `${date} ${['MediaWiki 5xx', 'Parser cache', 'Job queue', 'API latency'][i % 4]} ${i + 1}`,
      title: `Elevated errors after ${d.kind === 'train-promote' ? `the ${d.version} train` : 'a backport'}`,
      startedAt, detectedAt: at(startedAt, r.int(2, 15) * MIN), endedAt,
      summary: `Users saw errors for a while. ${explicit ? 'Caused by the deployment named below.' : 'Cause under investigation.'}`,
      tasks: [taskId, ...d.tasks.slice(0, 1)], changes: explicit ? d.changes : [], causedBy: explicit ? d.id : null,
    });
  }
}
