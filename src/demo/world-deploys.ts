// Merges and deployments of the demo world. Code changes merge when their review is done.
// Config changes are deployed the way Wikimedia does it: in a backport window the deployer
// approves the change (Code-Review+2, "Approved by … using scap backport"), the gate merges
// it, and scap syncs it minutes later — in the SWAT era with `scap sync-file … 'SWAT: [[gerrit:N|…]]'`,
// later with `scap backport`. A config change that finds no window within two days is
// deployed by its owner's team outside the windows. Some windows also carry a backport of
// a merged code change: its cherry-pick onto the current wmf/ branch. The trains'
// wikiversions changes are synced after they merge. Pure and deterministic.
import { at, DAY, HOUR, MIN } from './time.ts';
import type { DemoChange, DemoDeployment, DemoWindow, DemoWorld } from './types.ts';
import { abandonChange, CONFIG_REPO, finishChange, newChange, type Builder, type ChangeNumbers } from './world-changes.ts';
import { swatEra } from './world-ops.ts';

const CONFIG_FILES = ['wmf-config/InitialiseSettings.php', 'wmf-config/CommonSettings.php', 'wmf-config/ProductionServices.php', 'wmf-config/abusefilter.php'];

/** The file a config change edits (the mediawiki-config emitter writes the same one). */
export const configFileOf = (ch: DemoChange): string => CONFIG_FILES[ch.number % CONFIG_FILES.length];
/** The file a code change edits, relative to its repository. */
export const codeFileOf = (ch: DemoChange): string => `includes/Change${ch.number % 37}.php`;

/** A deployment, or null when it would still be running at the world's end. */
function deployment(b: Builder, base: Partial<DemoDeployment> & Pick<DemoDeployment, 'id' | 'kind' | 'deployer' | 'startedAt' | 'message'>): DemoDeployment | null {
  const { r } = b;
  const outcome = r.chance(0.04) ? 'failed' : r.chance(0.03) ? 'aborted' : 'ok';
  const finishedAt = at(base.startedAt, r.int(2, 14) * MIN + r.int(0, 59) * 1000);
  if (finishedAt >= b.w.end) return null;
  return {
    windowId: null, host: r.pick(['deploy1002', 'deploy2002']), finishedAt,
    outcome, changes: [], tasks: [], path: null, version: null, group: null, staged: false, ...base,
  };
}

/** Where scap syncs a change: the config file, or the file in the branch's php-<version> tree. */
function syncPath(ch: DemoChange): string {
  if (ch.repo === CONFIG_REPO) return configFileOf(ch);
  const dir = ch.repo === 'mediawiki/core' ? '' : `${ch.repo.replace(/^mediawiki\//, '')}/`;
  return `php-${ch.branch.replace(/^wmf\//, '')}/${dir}${codeFileOf(ch)}`;
}

const item = (ch: DemoChange) => `[[gerrit:${ch.number}|${ch.subject.replace(/[[\]|]/g, '')}${ch.tasks.length ? ` (${ch.tasks.map((t) => `T${t}`).join(' ')})` : ''}]]`;

/** The wmf branch a window's backports go to: the newest train branched before it. */
function branchAt(w: DemoWorld, t: Date): string | null {
  let version: string | null = null;
  for (const train of w.trains) if (train.branchedAt < t) version = train.version;
  return version;
}

/** Approves, merges and syncs one change; null when the world ends before the sync starts. */
function deployChange(b: Builder, ch: DemoChange, win: DemoWindow | null, t: Date, deployer: string, n: number): DemoDeployment | null {
  const { r, w } = b;
  const swat = swatEra(w, t);
  const approval = swat ? undefined : `Approved by ${w.people.find((p) => p.id === deployer)?.username ?? deployer}@deploy1002 using scap backport`;
  const mergedAt = finishChange(b, ch, t, deployer, approval);
  const startedAt = mergedAt ? at(mergedAt, r.int(30, 150) * 1000) : null;
  if (!startedAt || startedAt >= w.end) return null;
  const message = !swat ? `Backport for ${item(ch)}` : win ? `SWAT: ${item(ch)}` : item(ch);
  return deployment(b, {
    id: `${win ? `bp-${win.id}` : `bp-out-${ch.number}`}-${n}`, kind: swat ? 'sync-file' : 'backport', windowId: win?.id ?? null,
    deployer, startedAt, message, changes: [ch.number], tasks: ch.tasks, path: swat ? syncPath(ch) : null, staged: !swat && r.chance(0.7),
  });
}

/** A cherry-pick of a merged master change onto the wmf branch, uploaded before the window. */
function cherryPick(b: Builder, of: DemoChange, branch: string, win: DemoWindow, numbers: ChangeNumbers): DemoChange {
  const createdAt = new Date(Math.max(at(of.mergedAt!, b.r.int(5, 30) * MIN).getTime(), at(win.plannedStart, -b.r.int(1, 20) * HOUR).getTime()));
  const ch = newChange(b, of.repo, createdAt, of.owner, of.subject, of.tasks, 1);
  Object.assign(ch, { number: numbers.at(createdAt), changeId: of.changeId, branch: `wmf/${branch}`, cherryPickOf: of.commitSha, topic: null });
  for (const x of ch.builds) x.changeNumber = ch.number;
  b.w.changes.push(ch);
  return ch;
}

/** Finishes every master change and returns the deployments of the world. */
export function makeDeployments(b: Builder, numbers: ChangeNumbers, master: DemoChange[]): DemoDeployment[] {
  const { r, w } = b;
  const deployers = w.people.filter((p) => p.deployer).map((p) => p.id);
  const byChangeId = new Map(master.map((c) => [c.changeId, c]));
  // code changes merge when review is done (after what they depend on)
  for (const ch of master.filter((c) => c.repo !== CONFIG_REPO)) {
    const plan = b.plans.get(ch)!;
    if (plan.fate === 'abandoned') abandonChange(w, ch, plan.readyAt);
    if (plan.fate !== 'merged') continue;
    const dep = ch.dependsOn ? byChangeId.get(ch.dependsOn) : undefined;
    if (dep && !dep.mergedAt) continue;
    const approvedAt = dep?.mergedAt && dep.mergedAt > plan.readyAt ? at(dep.mergedAt, r.int(5, 60) * MIN) : plan.readyAt;
    finishChange(b, ch, approvedAt, r.pick(w.people.filter((p) => p.id !== ch.owner)).id);
  }
  const config = master.filter((c) => c.repo === CONFIG_REPO).sort((x, y) => b.plans.get(x)!.readyAt.getTime() - b.plans.get(y)!.readyAt.getTime());
  for (const ch of config) if (b.plans.get(ch)!.fate === 'abandoned') abandonChange(w, ch, b.plans.get(ch)!.readyAt);
  const toDeploy = config.filter((c) => b.plans.get(c)!.fate === 'merged');
  const merged = master.filter((c) => c.repo !== CONFIG_REPO && c.mergedAt).sort((x, y) => x.mergedAt!.getTime() - y.mergedAt!.getTime());
  const out: DemoDeployment[] = [];
  const outOfWindow = (ch: DemoChange) => {
    const who = deployers.includes(ch.owner) ? ch.owner : r.pick(deployers);
    const d = deployChange(b, ch, null, at(b.plans.get(ch)!.readyAt, r.int(0, 180) * MIN), who, 0);
    if (d) out.push(d);
  };
  let next = 0;
  let picked = 0;
  const pending: DemoChange[] = [];
  for (const win of w.windows.filter((x) => x.kind === 'backport')) {
    while (next < toDeploy.length && b.plans.get(toDeploy[next])!.readyAt <= win.plannedStart) pending.push(toDeploy[next++]);
    while (pending.length > 0 && b.plans.get(pending[0])!.readyAt.getTime() < win.plannedStart.getTime() - 2 * DAY) outOfWindow(pending.shift()!);
    const batch = pending.splice(0, Math.min(pending.length, r.int(0, 4)));
    while (picked < merged.length && merged[picked].mergedAt!.getTime() < win.plannedStart.getTime() - 3 * DAY) picked++;
    const branch = branchAt(w, win.plannedStart);
    if (branch && picked < merged.length && merged[picked].mergedAt! < at(win.plannedStart, -HOUR) && r.chance(0.2)) {
      batch.push(cherryPick(b, merged[picked++], branch, win, numbers));
    }
    let t = at(win.plannedStart, r.int(1, 10) * MIN);
    batch.forEach((ch, k) => {
      win.requested.push(ch.number);
      const d = deployChange(b, ch, win, t, win.deployers[0], k);
      if (!d) return;
      out.push(d);
      t = at(d.finishedAt ?? d.startedAt, r.int(1, 4) * MIN);
    });
    if (pending.length > 0 && r.chance(0.3)) win.requested.push(pending[0].number); // requested, left for a later window
  }
  for (const ch of [...pending, ...toDeploy.slice(next)]) outOfWindow(ch);
  const ownerOf = new Map(w.changes.map((c) => [c.number, c.owner]));
  const trainWindows = w.windows.filter((x) => x.kind === 'train');
  const add = (d: DemoDeployment | null) => d && out.push(d);
  for (const train of w.trains) {
    for (const s of train.steps) {
      const win = trainWindows.find((x) => Math.abs(x.plannedStart.getTime() - s.at.getTime()) < 3 * HOUR) ?? null;
      add(deployment(b, {
        id: `train-${train.version}-${s.group}-${s.at.getTime()}`, kind: 'train-promote', windowId: win?.id ?? null,
        deployer: ownerOf.get(s.change) ?? w.people[0].id, startedAt: s.at, version: train.version, group: s.group,
        message: `${s.group} to ${train.version}  refs T${train.blockerTask}`, tasks: [train.blockerTask],
      }));
    }
  }
  for (let i = 0; i < Math.round(w.windows.length / 15); i++) {
    const d = at(w.start, r() * (w.end.getTime() - w.start.getTime() - HOUR));
    add(deployment(b, { id: `citoid-${i}`, kind: 'scap3-deploy', deployer: r.pick(w.people).id, startedAt: d, message: `Update citoid to ${r.hex(7)}`, path: 'citoid/deploy' }));
  }
  return out.sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime());
}
