// Builds the demo world from a seed: people, repositories, tasks, and Gerrit changes
// with patch sets, votes and CI builds. Deployments, windows, trains and incidents are
// added by world-ops.ts. Pure and deterministic: the same seed gives the same world.
import { addOps } from './world-ops.ts';
import { rng, type Rng } from './rng.ts';
import type { DemoBuild, DemoChange, DemoPerson, DemoRepo, DemoTask, DemoWorld } from './types.ts';

export interface WorldOptions {
  seed?: number;
  scale?: 'small' | 'large';
}

const FIRST = ['Ana', 'Bryan', 'Chen', 'Dana', 'Eliska', 'Femi', 'Gergo', 'Hana', 'Ilias', 'Jaime', 'Kavya', 'Lucas',
  'Mira', 'Niklas', 'Olga', 'Pavel', 'Quim', 'Rosa', 'Sam', 'Timo', 'Umar', 'Vera', 'Wen', 'Xavi', 'Yuki', 'Zoe'];
const LAST = ['Abara', 'Berg', 'Costa', 'Dvorak', 'Eze', 'Fontaine', 'Garcia', 'Huang', 'Ivanova', 'Jensen', 'Kumar',
  'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Pereira', 'Quinn', 'Rossi', 'Sato', 'Tanaka'];
const EXTENSIONS = ['Math', 'AbuseFilter', 'CirrusSearch', 'Echo', 'GrowthExperiments', 'VisualEditor', 'Wikibase',
  'CentralAuth', 'Cite', 'Scribunto', 'TimedMediaHandler', 'ArticleFeedbackv5', 'Flow'];
const VERBS = ['Fix', 'Add', 'Remove', 'Refactor', 'Deprecate', 'Enable', 'Disable', 'Hard-deprecate', 'Clean up', 'Localise'];
const THINGS = ['ResourceLoader module', 'Special:RecentChanges filter', 'parser cache key', 'API query module',
  'job queue retry', 'Codex button', 'database index', 'logging channel', 'edit conflict handling', 'hook handler',
  'maintenance script', 'message bundle', 'rate limiter', 'PHPUnit coverage', 'Selenium test'];
const PROJECT_OF: Record<string, string> = { 'mediawiki/core': 'MediaWiki-Core', 'operations/mediawiki-config': 'Wikimedia-Site-requests' };
export const CI_JOBS = ['mediawiki-quibble-vendor-mysql-php81', 'mediawiki-quibble-vendor-postgres-php81',
  'mediawiki-quibble-composer-mysql-php83', 'mediawiki-quibble-selenium-vendor-mysql-php81', 'mwext-phan-php81',
  'mwgate-node20', 'composer-test-php81', 'mediawiki-quibble-vendor-sqlite-php81'];

const DAY = 86_400_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + Math.round(ms));

function makePeople(r: Rng, n: number): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const username = `${first}${last[0]}`.toLowerCase() + (i >= FIRST.length ? String(i) : '');
    people.push({
      id: username, name: `${first} ${last}`, email: `${username}@example.org`, gerritAccountId: 1000 + i * 17,
      username, phabPhid: `PHID-USER-${r.hex(20)}`, ircNick: username, deployer: i < Math.max(4, Math.round(n / 5)),
    });
  }
  return people;
}

function makeRepos(scale: 'small' | 'large'): DemoRepo[] {
  const ext = scale === 'small' ? EXTENSIONS : [...EXTENSIONS, ...Array.from({ length: 60 }, (_, i) => `Ext${i + 1}`)];
  return [
    { name: 'mediawiki/core', kind: 'core', deployed: true, archived: false },
    { name: 'operations/mediawiki-config', kind: 'config', deployed: true, archived: false },
    ...ext.map((e): DemoRepo => ({
      name: `mediawiki/extensions/${e}`, kind: 'extension', deployed: !['ArticleFeedbackv5', 'Flow'].includes(e),
      archived: e === 'ArticleFeedbackv5',
    })),
    { name: 'mediawiki/skins/Vector', kind: 'skin', deployed: true, archived: false },
    { name: 'mediawiki/skins/MinervaNeue', kind: 'skin', deployed: true, archived: false },
    { name: 'mediawiki/services/citoid', kind: 'service', deployed: true, archived: false },
  ];
}

export function projectOf(repo: string): string {
  return PROJECT_OF[repo] ?? `MediaWiki-extensions-${repo.split('/').pop()}`;
}

function makeTasks(r: Rng, people: DemoPerson[], repos: DemoRepo[], start: Date, end: Date, n: number): DemoTask[] {
  const span = end.getTime() - start.getTime();
  const priorities = [
    { value: 100, name: 'Unbreak Now!' }, { value: 90, name: 'Needs Triage' }, { value: 80, name: 'High' },
    { value: 50, name: 'Medium' }, { value: 25, name: 'Low' }, { value: 0, name: 'Lowest' },
  ];
  const tasks: DemoTask[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = at(start, r() * span * 0.9 - 30 * DAY);
    const subtype = r.chance(0.03) ? 'security' : r.chance(0.45) ? 'bug' : r.chance(0.1) ? 'error' : 'default';
    const closed = r.chance(0.65);
    const closedAt = closed ? at(createdAt, r.int(1, 60) * DAY * r()) : null;
    const reopened = closed && r.chance(0.08);
    const repo = r.pick(repos);
    tasks.push({
      id: 300000 + i * 3 + r.int(0, 2), title: `${r.pick(VERBS)} ${r.pick(THINGS)} in ${repo.name.split('/').pop()}`,
      subtype, status: closed ? (r.chance(0.85) ? 'resolved' : r.pick(['declined', 'invalid', 'duplicate'] as const)) : r.chance(0.1) ? 'stalled' : 'open',
      priority: r.pick(priorities), createdAt, closedAt: closedAt && closedAt > end ? null : closedAt,
      reopenedAt: reopened && closedAt ? at(closedAt, DAY) : null, author: r.pick(people).id,
      owner: r.chance(0.7) ? r.pick(people).id : null, projects: [projectOf(repo.name), ...(r.chance(0.1) ? ['Wikimedia-production-error'] : [])],
      restricted: subtype === 'security', releaseVersion: null,
    });
  }
  for (const t of tasks) if (t.closedAt === null && t.status !== 'open' && t.status !== 'stalled') t.status = 'open';
  return tasks;
}

function makeBuilds(r: Rng, ch: DemoChange, ps: number, psAt: Date, pipeline: DemoBuild['pipeline'], counters: Map<string, number>, testScale: number): DemoBuild[] {
  const jobs = ch.repo === 'operations/mediawiki-config' ? ['operations-mw-config-php81', 'tox-docker']
    : r.pick([CI_JOBS.slice(0, 3), CI_JOBS.slice(2, 6), [CI_JOBS[0], CI_JOBS[4], CI_JOBS[7]]]);
  return jobs.map((job) => {
    const n = (counters.get(job) ?? 1000) + 1;
    counters.set(job, n);
    const failing = r.chance(pipeline === 'gate-and-submit' ? 0.05 : 0.15);
    const testCount = job.includes('quibble') ? Math.round(testScale * r.int(8, 20)) : job.includes('phan') ? 0 : Math.round(testScale * r.int(2, 6));
    return {
      id: `${job}/${n}`, job, buildNumber: n, pipeline, changeNumber: ch.number, patchset: ps, repo: ch.repo,
      startedAt: at(psAt, r.int(20, 300) * 1000), durationS: r.int(30, job.includes('selenium') ? 1500 : 700),
      result: failing ? (r.chance(0.1) ? 'ABORTED' : 'FAILURE') : 'SUCCESS', voting: !job.includes('sqlite'),
      node: `integration-agent-docker-10${r.int(10, 60)}`, zuulUuid: r.hex(32), testCount,
    };
  });
}

function makeChanges(r: Rng, w: DemoWorld, n: number, testScale: number): DemoChange[] {
  const span = w.end.getTime() - w.start.getTime();
  const counters = new Map<string, number>();
  const changes: DemoChange[] = [];
  const bugTasks = w.tasks.filter((t) => !t.restricted);
  for (let i = 0; i < n; i++) {
    const repo = r.chance(0.25) ? 'operations/mediawiki-config' : r.chance(0.3) ? 'mediawiki/core' : r.pick(w.repos).name;
    const owner = r.pick(w.people);
    const createdAt = at(w.start, (i / n) * span * 0.97 + r() * DAY);
    const nps = r.int(1, 4);
    const patchsets = Array.from({ length: nps }, (_, k) => ({
      number: k + 1, sha: r.hex(40), uploader: k > 0 && r.chance(0.2) ? r.pick(w.people).id : owner.id,
      at: at(createdAt, k * r.int(1, 48) * 3_600_000),
    }));
    const lastPs = patchsets[nps - 1];
    const fate = r();
    const status: DemoChange['status'] = fate < 0.78 ? 'merged' : fate < 0.9 ? 'abandoned' : 'open';
    const doneAt = at(lastPs.at, r.int(1, 72) * 3_600_000);
    const tasks = r.chance(0.7) ? [r.pick(bugTasks).id, ...(r.chance(0.1) ? [r.pick(bugTasks).id] : [])] : [];
    const html = r.chance(0.02) ? ' <script>alert("x")</script> & <b>bold</b>' : '';
    const ch: DemoChange = {
      number: 900000 + i * 7 + r.int(0, 6), changeId: `I${r.hex(40)}`, repo, branch: 'master',
      subject: `${r.pick(VERBS)} ${r.pick(THINGS)}${html}`, topic: r.chance(0.1) ? `topic-${r.int(1, 40)}` : null,
      owner: owner.id, createdAt, status, mergedAt: status === 'merged' ? doneAt : null,
      abandonedAt: status === 'abandoned' ? doneAt : null, tasks: [...new Set(tasks)], dependsOn: null,
      patchsets, votes: [], builds: [], commitSha: status === 'merged' ? lastPs.sha : null,
    };
    if (i > 0 && r.chance(0.05)) ch.dependsOn = changes[i - 1].changeId;
    for (const ps of patchsets) {
      const builds = makeBuilds(r, ch, ps.number, ps.at, 'test', counters, testScale);
      ch.builds.push(...builds);
      const ok = builds.every((b) => b.result === 'SUCCESS' || !b.voting);
      ch.votes.push({ patchset: ps.number, label: 'Verified', value: ok ? 1 : -1, voter: 'jenkins-bot', at: at(ps.at, 900_000) });
      if (r.chance(0.4)) ch.votes.push({ patchset: ps.number, label: 'Code-Review', value: r.pick([1, -1, 1]), voter: r.pick(w.people).id, at: at(ps.at, r.int(1, 20) * 3_600_000) });
    }
    if (status === 'merged') {
      const reviewer = r.pick(w.people.filter((p) => p.id !== owner.id));
      ch.votes.push({ patchset: nps, label: 'Code-Review', value: 2, voter: reviewer.id, at: at(doneAt, -600_000) });
      ch.builds.push(...makeBuilds(r, ch, nps, at(doneAt, -500_000), 'gate-and-submit', counters, testScale).map((b) => ({ ...b, result: 'SUCCESS' as const })));
      ch.votes.push({ patchset: nps, label: 'Verified', value: 2, voter: 'jenkins-bot', at: doneAt });
      if (repo !== 'operations/mediawiki-config' && r.chance(0.3)) ch.builds.push(...makeBuilds(r, ch, nps, at(doneAt, 60_000), 'postmerge', counters, testScale));
    }
    changes.push(ch);
  }
  return changes;
}

export function buildWorld(opts: WorldOptions = {}): DemoWorld {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 'small';
  const r = rng(seed);
  const weeks = scale === 'small' ? 16 : 4 * 52;
  const start = new Date(Date.UTC(2026, 0, 5)); // a Monday
  const end = at(start, weeks * 7 * DAY);
  const people = makePeople(r, scale === 'small' ? 30 : 400);
  const repos = makeRepos(scale);
  const w: DemoWorld = {
    seed, scale, start, end, gerritHost: 'gerrit.wikimedia.org', people, repos,
    tasks: makeTasks(r, people, repos, start, end, scale === 'small' ? 600 : 40_000),
    changes: [], windows: [], deployments: [], trains: [], incidents: [],
  };
  w.changes = makeChanges(r, w, scale === 'small' ? 1100 : 100_000, scale === 'small' ? 0.35 : 2.2);
  addOps(r, w);
  return w;
}
