// The operations half of the demo world: backport windows three times a weekday, the
// weekly train (testwikis/group0 Tuesday, group1 Wednesday, group2 Thursday, with
// delays and rollbacks), the deployments done in and out of windows, and incidents,
// some caused by a named deployment and some merely after one. Pure and deterministic.
import type { Rng } from './rng.ts';
import type { DemoDeployment, DemoTrain, DemoWindow, DemoWorld } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + Math.round(ms));

/** Window names changed over the years; the world uses the SWAT-era names first. */
function windowName(slot: number, swatEra: boolean): string {
  if (swatEra) return ['European Mid-day SWAT (Max 6 patches)', 'Morning SWAT (Max 6 patches)', 'Evening SWAT (Max 6 patches)'][slot];
  return ['UTC morning backport window', 'UTC afternoon backport window', 'UTC late backport window'][slot];
}
const SLOT_HOURS = [7, 13, 20];

function makeWindows(r: Rng, w: DemoWorld): DemoWindow[] {
  const deployers = w.people.filter((p) => p.deployer);
  const out: DemoWindow[] = [];
  const swatUntil = at(w.start, 3 * 7 * DAY);
  for (let d = new Date(w.start); d < w.end; d = at(d, DAY)) {
    const dow = d.getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const date = d.toISOString().slice(0, 10);
    SLOT_HOURS.forEach((h, slot) => {
      const plannedStart = at(d, h * HOUR);
      out.push({
        id: `${date}-${['morning', 'afternoon', 'late'][slot]}`, name: windowName(slot, plannedStart < swatUntil), kind: 'backport',
        plannedStart, plannedEnd: at(plannedStart, HOUR), deployers: [r.pick(deployers).id, ...(r.chance(0.3) ? [r.pick(deployers).id] : [])],
        maxPatches: 6, requested: [],
      });
    });
    if (dow >= 2 && dow <= 4) {
      const plannedStart = at(d, 20 * HOUR);
      out.push({
        id: `${date}-train`, name: 'MediaWiki train - Utc-7 Version', kind: 'train', plannedStart,
        plannedEnd: at(plannedStart, 2 * HOUR), deployers: [r.pick(deployers).id], maxPatches: 0, requested: [],
      });
    }
  }
  return out;
}

function makeTrains(r: Rng, w: DemoWorld): DemoTrain[] {
  const trains: DemoTrain[] = [];
  let week = 0;
  for (let tue = at(w.start, DAY); tue < at(w.end, -3 * DAY); tue = at(tue, 7 * DAY), week++) {
    const version = `1.46.0-wmf.${week + 10}`;
    const blocker = 200000 + week;
    w.tasks.push({
      id: blocker, title: `${version} deployment blockers`, subtype: 'release', status: 'resolved',
      priority: { value: 50, name: 'Medium' }, createdAt: at(tue, -7 * DAY), closedAt: at(tue, 4 * DAY), reopenedAt: null,
      author: w.people[0].id, owner: w.people[week % 4].id, projects: ['Release', 'Train Deployments'], restricted: false,
      releaseVersion: version,
    });
    const t = (days: number, hour: number) => at(tue, days * DAY + hour * HOUR + r.int(0, 50) * MIN);
    const delay1 = r.chance(0.2) ? 1 : 0;
    const delay2 = delay1 + (r.chance(0.15) ? (r.chance(0.5) ? 1 : 5) : 0);
    const steps: DemoTrain['steps'] = [
      { group: 'testwikis', kind: 'rollforward', at: t(0, 19) },
      { group: 'group0', kind: 'rollforward', at: t(0, 20) },
      { group: 'group1', kind: 'rollforward', at: t(1 + delay1, 20) },
    ];
    if (r.chance(0.2)) {
      steps.push({ group: 'group1', kind: 'rollback', at: t(1 + delay1, 21) }, { group: 'group1', kind: 'rollforward', at: t(2 + delay1, 14) });
    }
    if (week < 1000 && !(r.chance(0.05))) {
      steps.push({ group: 'group2', kind: 'rollforward', at: t(2 + delay2, 20) });
      if (r.chance(0.1)) steps.push({ group: 'group2', kind: 'rollback', at: t(2 + delay2, 22) }, { group: 'group2', kind: 'rollforward', at: t(3 + delay2, 15) });
    }
    trains.push({ version, branchedAt: at(tue, 2 * HOUR), blockerTask: blocker, steps: steps.sort((a, b) => a.at.getTime() - b.at.getTime()) });
  }
  return trains;
}

function deployment(r: Rng, base: Partial<DemoDeployment> & Pick<DemoDeployment, 'id' | 'kind' | 'deployer' | 'startedAt' | 'message'>): DemoDeployment {
  const outcome = r.chance(0.05) ? 'failed' : r.chance(0.03) ? 'aborted' : 'ok';
  return {
    windowId: null, host: r.pick(['deploy1002', 'deploy2002']), finishedAt: at(base.startedAt, r.int(2, 14) * MIN + r.int(0, 59) * 1000),
    outcome, changes: [], tasks: [], path: null, version: null, group: null, staged: false, ...base,
  };
}

function makeDeployments(r: Rng, w: DemoWorld): DemoDeployment[] {
  const out: DemoDeployment[] = [];
  const merged = w.changes.filter((c) => c.status === 'merged' && c.mergedAt).sort((a, b) => a.mergedAt!.getTime() - b.mergedAt!.getTime());
  let cursor = 0;
  const used = new Set<number>();
  for (const win of w.windows.filter((x) => x.kind === 'backport')) {
    while (cursor < merged.length && merged[cursor].mergedAt! < at(win.plannedStart, -DAY)) cursor++;
    const candidates = merged.slice(cursor).filter((c) => c.mergedAt! < win.plannedStart && !used.has(c.number)).slice(0, 8);
    const n = Math.min(candidates.length, r.int(0, 4));
    let t = at(win.plannedStart, r.int(1, 10) * MIN);
    for (let k = 0; k < n; k++) {
      const ch = candidates[k];
      used.add(ch.number);
      win.requested.push(ch.number);
      const tasks = ch.tasks.length ? ` (${ch.tasks.map((x) => `T${x}`).join(' ')})` : '';
      const d = deployment(r, {
        id: `bp-${win.id}-${k}`, kind: 'backport', windowId: win.id, deployer: win.deployers[0], startedAt: t,
        message: `Backport for [[gerrit:${ch.number}|${ch.subject.replace(/[[\]|]/g, '')}${tasks}]]`,
        changes: [ch.number], tasks: ch.tasks, staged: r.chance(0.7),
      });
      out.push(d);
      t = at(d.finishedAt ?? t, r.int(1, 6) * MIN);
    }
    if (r.chance(0.3)) win.requested.push(...candidates.slice(n, n + 1).map((c) => c.number)); // requested, not deployed
    if (r.chance(0.08)) {
      out.push(deployment(r, {
        id: `sf-${win.id}`, kind: 'sync-file', windowId: win.id, deployer: win.deployers[0], startedAt: at(t, 2 * MIN),
        path: 'wmf-config/InitialiseSettings.php', message: 'Config: raise rate limit for bots', tasks: [r.pick(w.tasks).id],
      }));
    }
  }
  for (const train of w.trains) {
    for (const s of train.steps) {
      const win = w.windows.find((x) => x.kind === 'train' && Math.abs(x.plannedStart.getTime() - s.at.getTime()) < 3 * HOUR) ?? null;
      out.push(deployment(r, {
        id: `train-${train.version}-${s.group}-${s.at.getTime()}`, kind: 'train-promote', windowId: win?.id ?? null,
        deployer: win?.deployers[0] ?? w.people[0].id, startedAt: s.at, version: train.version, group: s.group,
        message: `${s.group} to ${train.version}  refs T${train.blockerTask}`, tasks: [train.blockerTask],
      }));
    }
  }
  for (let i = 0; i < Math.round(w.windows.length / 15); i++) {
    const d = at(w.start, r() * (w.end.getTime() - w.start.getTime()));
    out.push(deployment(r, { id: `citoid-${i}`, kind: 'scap3-deploy', deployer: r.pick(w.people).id, startedAt: d, message: `Update citoid to ${r.hex(7)}`, path: 'citoid/deploy' }));
  }
  return out.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

function makeIncidents(r: Rng, w: DemoWorld): void {
  const n = w.scale === 'small' ? 8 : 120;
  const pool = w.deployments.filter((d) => d.kind === 'backport' || d.kind === 'train-promote');
  for (let i = 0; i < n && pool.length; i++) {
    const d = pool[Math.floor((i + 0.5) * (pool.length / n))];
    const startedAt = at(d.finishedAt ?? d.startedAt, r.int(10, 150) * MIN);
    const explicit = r.chance(0.6);
    const taskId = 400000 + i;
    w.tasks.push({
      id: taskId, title: `Incident follow-up: elevated 5xx after ${d.kind}`, subtype: 'bug', status: 'resolved',
      priority: { value: 100, name: 'Unbreak Now!' }, createdAt: startedAt, closedAt: at(startedAt, 3 * DAY), reopenedAt: null,
      author: d.deployer, owner: d.deployer, projects: ['Wikimedia-Incident'], restricted: false, releaseVersion: null,
    });
    const date = startedAt.toISOString().slice(0, 10);
    w.incidents.push({
      id: `${date} ${['MediaWiki 5xx', 'Parser cache', 'Job queue', 'API latency'][i % 4]} ${i + 1}`,
      title: `Elevated errors after ${d.kind === 'train-promote' ? `the ${d.version} train` : 'a backport'}`,
      startedAt, detectedAt: at(startedAt, r.int(2, 15) * MIN), endedAt: at(startedAt, r.int(20, 180) * MIN),
      summary: `Users saw errors for a while. ${explicit ? 'Caused by the deployment named below.' : 'Cause under investigation.'}`,
      tasks: [taskId, ...d.tasks.slice(0, 1)], changes: explicit ? d.changes : [], causedBy: explicit ? d.id : null,
    });
  }
}

export function addOps(r: Rng, w: DemoWorld): void {
  w.windows = makeWindows(r, w);
  w.trains = makeTrains(r, w);
  w.deployments = makeDeployments(r, w);
  makeIncidents(r, w);
}
