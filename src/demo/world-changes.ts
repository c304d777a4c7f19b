// Gerrit changes of the demo world: patch sets, reviews and the test-pipeline builds of
// each patch set (makeChanges), and what happens once a change is approved (finishChange:
// the Code-Review+2, the gate builds, the merge after they pass, the post-merge builds).
// Nothing happens after the world's end: a change whose gate has not finished by then is
// still open. Pure and deterministic.
import type { Rng } from './rng.ts';
import { at, DAY, HOUR, MIN } from './time.ts';
import type { DemoBuild, DemoChange, DemoPatchset, DemoRepo, DemoTask, DemoWorld } from './types.ts';

export const VERBS = ['Fix', 'Add', 'Remove', 'Refactor', 'Deprecate', 'Enable', 'Disable', 'Hard-deprecate', 'Clean up', 'Localise'];
export const THINGS = ['ResourceLoader module', 'Special:RecentChanges filter', 'parser cache key', 'API query module',
  'job queue retry', 'Codex button', 'database index', 'logging channel', 'edit conflict handling', 'hook handler',
  'maintenance script', 'message bundle', 'rate limiter', 'PHPUnit coverage', 'Selenium test'];
const CONFIG_THINGS = ['rate limit for bots', 'wgAbuseFilter actions on wikidatawiki', 'new namespace on mediawikiwiki',
  'logo for commonswiki', 'wgCirrusSearch weights', 'temporary accounts on group0', 'Echo notifications on testwiki'];

export const CONFIG_REPO = 'operations/mediawiki-config';
const QUIBBLE = 'mediawiki-quibble-vendor-mysql-php81';
const SELENIUM = 'mediawiki-quibble-selenium-vendor-mysql-php81';

/** Zuul's jobs per pipeline and repository kind, as integration/config's layout names them. */
export function jobsOf(kind: DemoRepo['kind'], pipeline: DemoBuild['pipeline'], r: Rng): string[] {
  if (kind === 'config') return pipeline === 'postmerge' ? [] : ['operations-mw-config-php81'];
  if (pipeline === 'postmerge') return kind === 'core' ? ['mediawiki-core-doxygen-docker-publish'] : ['mwext-codehealth-master-non-voting'];
  if (kind === 'service') return ['mwgate-node20'];
  const jobs = kind === 'core' ? [QUIBBLE, 'mediawiki-quibble-composer-mysql-php83', 'mwgate-node20'] : [QUIBBLE, 'mwgate-node20'];
  if (kind !== 'core' && r.chance(0.5)) jobs.push('mwext-phan-php81');
  if (kind === 'core' && pipeline === 'test' && r.chance(0.3)) jobs.push('mediawiki-quibble-vendor-sqlite-php81'); // non-voting
  if (r.chance(kind === 'core' ? 0.4 : 0.25)) jobs.push(SELENIUM);
  return jobs;
}

/** Gerrit change numbers grow with creation time: master changes every 40, others in the gaps. */
export class ChangeNumbers {
  private readonly used = new Map<number, number>();
  constructor(private readonly master: DemoChange[]) {}

  /** The number of a change created at `t`, between the master changes created around it. */
  at(t: Date): number {
    let lo = 0;
    let hi = this.master.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.master[mid].createdAt <= t) lo = mid + 1;
      else hi = mid;
    }
    const slot = lo - 1;
    const k = (this.used.get(slot) ?? 0) + 1;
    if (k > 25) throw new Error(`demo world: more than 25 changes created after change ${this.master[slot]?.number}`);
    this.used.set(slot, k);
    return (slot < 0 ? 899_960 : this.master[slot].number) + 9 + k;
  }
}

export interface ChangePlan {
  fate: 'merged' | 'abandoned' | 'open';
  readyAt: Date; // when it could be merged (or was given up)
}

export interface Builder {
  r: Rng;
  w: DemoWorld;
  testScale: number;
  kinds: Map<string, DemoRepo['kind']>;
  plans: Map<DemoChange, ChangePlan>;
}

const BUILD_SECONDS: Record<string, [number, number]> = { [SELENIUM]: [600, 1500], 'mwext-phan-php81': [90, 300], 'mwgate-node20': [60, 240] };

/** Test cases a build runs (its JUnit report), 0 for jobs that publish none. */
function testCountOf(b: Builder, job: string, repo: string): number {
  if (job === SELENIUM) return Math.round(b.testScale * b.r.int(20, 40));
  if (!job.includes('quibble')) return 0;
  return Math.round(b.testScale * (b.kinds.get(repo) === 'core' ? b.r.int(300, 500) : b.r.int(60, 140)));
}

/** The builds Zuul runs for one enqueued item; the caller sets the results. */
export function makeBuilds(b: Builder, ch: DemoChange, ps: number, enqueuedAt: Date, pipeline: DemoBuild['pipeline']): DemoBuild[] {
  const { r } = b;
  const kind = b.kinds.get(ch.repo) ?? 'extension';
  // waits grow in the European afternoon and the US morning, when most patches arrive
  const hour = enqueuedAt.getUTCHours();
  const busy = hour >= 13 && hour <= 18 ? 4 : 1;
  return jobsOf(kind, pipeline, r).map((job) => {
    const [lo, hi] = BUILD_SECONDS[job] ?? [240, job.includes('quibble') ? 900 : 400];
    return {
      id: '', job, buildNumber: 0, pipeline, changeNumber: ch.number, patchset: ps, repo: ch.repo, enqueuedAt,
      startedAt: at(enqueuedAt, r.int(5, 60 * busy) * 1000 + r() * 30_000), durationS: r.int(lo, hi),
      result: 'SUCCESS' as DemoBuild['result'], voting: !job.includes('sqlite') && !job.includes('non-voting'),
      node: `integration-agent-docker-10${r.int(10, 60)}`, zuulUuid: r.hex(32), testCount: testCountOf(b, job, ch.repo),
    };
  });
}

export const endOf = (b: DemoBuild): Date => at(b.startedAt, b.durationS * 1000);
const lastEnd = (builds: DemoBuild[]): Date => new Date(Math.max(...builds.map((x) => endOf(x).getTime())));

/** The index of the first task filed at or after `t` (tasks sorted by filing time). */
function firstFiledFrom(tasks: DemoTask[], t: number): number {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tasks[mid].createdAt.getTime() < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bug tasks for a change created at `t`: public tasks filed in the six weeks before it. */
function pickTasks(r: Rng, open: DemoTask[], t: Date): number[] {
  const hi = firstFiledFrom(open, t.getTime());
  const lo = firstFiledFrom(open, t.getTime() - 42 * DAY + 1);
  if (lo === hi || !r.chance(0.7)) return [];
  const first = open[r.int(Math.max(lo, hi - 40), hi - 1)].id; // recent tasks get most of the work
  return r.chance(0.08) ? [...new Set([first, open[r.int(lo, hi - 1)].id])] : [first];
}

function patchsetsOf(r: Rng, w: DemoWorld, createdAt: Date, owner: string, count?: number): DemoPatchset[] {
  const out: DemoPatchset[] = [];
  let t = createdAt;
  for (let k = 1, n = count ?? 1 + Math.floor(r() * r() * 5); k <= n && t < w.end; k++) {
    out.push({ number: k, sha: r.hex(40), uploader: k > 1 && r.chance(0.15) ? r.pick(w.people).id : owner, at: t });
    t = at(t, r.int(1, 30) * HOUR + r.int(0, 59) * MIN);
  }
  return out;
}

/** A change up to its last patch set: uploads, reviews, test builds and their Verified votes. */
export function newChange(b: Builder, repo: string, createdAt: Date, owner: string, subject: string, tasks: number[], patchsets?: number): DemoChange {
  const { r, w } = b;
  const ch: DemoChange = {
    number: 0, changeId: `I${r.hex(40)}`, repo, branch: 'master', subject, topic: r.chance(0.1) ? `topic-${r.int(1, 40)}` : null,
    owner, createdAt, status: 'open', mergedAt: null, abandonedAt: null, tasks, dependsOn: null,
    patchsets: patchsetsOf(r, w, createdAt, owner, patchsets), votes: [], builds: [], commitSha: null, approvedAt: null,
    cherryPickOf: null, train: null,
  };
  const reviewers = w.people.filter((p) => p.id !== owner);
  for (const ps of ch.patchsets) {
    const builds = makeBuilds(b, ch, ps.number, at(ps.at, r.int(2, 9) * 1000), 'test');
    for (const x of builds) if (r.chance(0.12)) x.result = r.chance(0.1) ? 'ABORTED' : 'FAILURE';
    ch.builds.push(...builds.filter((x) => x.startedAt < w.end)); // a job not started yet has no build
    const ok = builds.every((x) => x.result === 'SUCCESS' || !x.voting);
    const verifiedAt = at(lastEnd(builds), r.int(3, 20) * 1000);
    if (verifiedAt < w.end) ch.votes.push({ patchset: ps.number, label: 'Verified', value: ok ? 1 : -1, voter: 'jenkins-bot', at: verifiedAt });
    for (let k = r.chance(0.6) ? r.int(1, 2) : 0; k > 0; k--) {
      const reviewedAt = at(ps.at, r.int(1, 20) * HOUR + r.int(0, 59) * MIN);
      const n = r.int(1, 6);
      const message = r.chance(0.4) ? `(${n} comment${n === 1 ? '' : 's'})` : undefined;
      if (reviewedAt < w.end) ch.votes.push({ patchset: ps.number, label: 'Code-Review', value: r.pick([1, -1, 1, 1]), voter: r.pick(reviewers).id, at: reviewedAt, ...(message ? { message } : {}) });
    }
  }
  return ch;
}

/** Master changes spread over the world, each with a plan (merged, abandoned or open). */
export function makeChanges(b: Builder, n: number): DemoChange[] {
  const { r, w } = b;
  const span = w.end.getTime() - w.start.getTime();
  const openTasks = w.tasks.filter((t) => !t.restricted && t.subtype !== 'release').sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  const changes: DemoChange[] = [];
  for (let i = 0; i < n; i++) {
    const repo = r.chance(0.2) ? CONFIG_REPO : r.chance(0.3) ? 'mediawiki/core' : r.pick(w.repos.filter((x) => x.name !== CONFIG_REPO && !x.archived)).name;
    const owner = r.pick(w.people).id;
    const createdAt = at(w.start, (i / n) * span * 0.995 + r() * HOUR);
    const html = r.chance(0.02) ? ' <script>alert("x")</script> & <b>bold</b>' : '';
    const subject = repo === CONFIG_REPO ? `${r.pick(['Raise', 'Set', 'Enable', 'Disable', 'Update'])} ${r.pick(CONFIG_THINGS)}` : `${r.pick(VERBS)} ${r.pick(THINGS)}${html}`;
    const ch = newChange(b, repo, createdAt, owner, subject, pickTasks(r, openTasks, createdAt));
    ch.number = 900_000 + i * 40 + r.int(0, 5);
    if (i > 0 && r.chance(0.05) && changes[i - 1].repo !== CONFIG_REPO) ch.dependsOn = changes[i - 1].changeId;
    const fate = r();
    const last = ch.patchsets[ch.patchsets.length - 1];
    const readyAt = at(last.at, r.int(1, 48) * HOUR + r.int(0, 59) * MIN);
    b.plans.set(ch, { fate: fate < 0.8 ? 'merged' : fate < 0.9 ? 'abandoned' : 'open', readyAt });
    changes.push(ch);
  }
  return changes;
}

/** Abandons a change at its ready time (when that is before the world's end). */
export function abandonChange(w: DemoWorld, ch: DemoChange, when: Date): void {
  if (when >= w.end) return;
  ch.status = 'abandoned';
  ch.abandonedAt = when;
}

/**
 * Approves a change at `approvedAt` (Code-Review+2 by `approver`), runs the gate, and merges it
 * when every gate build has passed; returns the merge time, or null when the world ends first.
 */
export function finishChange(b: Builder, ch: DemoChange, approvedAt: Date, approver: string, message?: string): Date | null {
  const { r, w } = b;
  const ps = ch.patchsets[ch.patchsets.length - 1];
  if (approvedAt >= w.end) return null;
  ch.approvedAt = approvedAt;
  ch.votes.push({ patchset: ps.number, label: 'Code-Review', value: 2, voter: approver, at: approvedAt, ...(message ? { message } : {}) });
  const gate = makeBuilds(b, ch, ps.number, at(approvedAt, r.int(2, 9) * 1000), 'gate-and-submit');
  ch.builds.push(...gate.filter((x) => x.startedAt < w.end));
  const verifiedAt = at(lastEnd(gate), r.int(2, 6) * 1000);
  const mergedAt = at(verifiedAt, 1000);
  if (mergedAt >= w.end) return null;
  ch.votes.push({ patchset: ps.number, label: 'Verified', value: 2, voter: 'jenkins-bot', at: verifiedAt });
  ch.status = 'merged';
  ch.mergedAt = mergedAt;
  ch.commitSha = ps.sha;
  if (ch.branch === 'master' && r.chance(0.3)) {
    ch.builds.push(...makeBuilds(b, ch, ps.number, at(mergedAt, r.int(5, 30) * 1000), 'postmerge').filter((x) => x.startedAt < w.end));
  }
  return mergedAt;
}
