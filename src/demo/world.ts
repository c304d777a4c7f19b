// Builds the demo world from a seed and the clock's now: people, repositories, tasks,
// Gerrit changes with patch sets, votes and CI builds, windows, trains, deployments and
// incidents, all ending at now (world-changes, world-tasks, world-ops, world-deploys).
// Pure and deterministic: the same seed and the same now give the same world.
import { rng, type Rng } from './rng.ts';
import { worldSpan } from './time.ts';
import type { DemoBuild, DemoChange, DemoPerson, DemoRepo, DemoScale, DemoWorld } from './types.ts';
import { ChangeNumbers, makeChanges, type Builder } from './world-changes.ts';
import { makeDeployments } from './world-deploys.ts';
import { makeIncidents, makeTrains, makeWindows } from './world-ops.ts';
import { closeTasks, makeTasks } from './world-tasks.ts';

export { projectOf } from './world-tasks.ts';

export interface WorldOptions {
  seed?: number;
  scale?: DemoScale;
  /** The world ends here (the CLI passes its clock; tests pass a fixed date). */
  now: Date;
}

const FIRST = ['Ana', 'Bryan', 'Chen', 'Dana', 'Eliska', 'Femi', 'Gergo', 'Hana', 'Ilias', 'Jaime', 'Kavya', 'Lucas',
  'Mira', 'Niklas', 'Olga', 'Pavel', 'Quim', 'Rosa', 'Sam', 'Timo', 'Umar', 'Vera', 'Wen', 'Xavi', 'Yuki', 'Zoe'];
const LAST = ['Abara', 'Berg', 'Costa', 'Dvorak', 'Eze', 'Fontaine', 'Garcia', 'Huang', 'Ivanova', 'Jensen', 'Kumar',
  'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Pereira', 'Quinn', 'Rossi', 'Sato', 'Tanaka'];
const EXTENSIONS = ['Math', 'AbuseFilter', 'CirrusSearch', 'Echo', 'GrowthExperiments', 'VisualEditor', 'Wikibase',
  'CentralAuth', 'Cite', 'Scribunto', 'TimedMediaHandler', 'ArticleFeedbackv5', 'Flow'];

/** Sizes of the two scales: `small` is the default demo, `large` the benchmark world. */
export const SCALES = {
  /** For tests that ingest the world many times (test/e2e/order.test.ts): every source, little of each. */
  tiny: { weeks: 3, people: 10, tasks: 40, changes: 40, testScale: 0.02 },
  small: { weeks: 16, people: 30, tasks: 500, changes: 420, testScale: 0.15 },
  large: { weeks: 4 * 52, people: 400, tasks: 40_000, changes: 100_000, testScale: 0.17 }, // ~12.7M test results (1 gave 74.5M, 22 GB of reports)
} as const;

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

function makeRepos(scale: DemoScale): DemoRepo[] {
  const ext = scale !== 'large' ? EXTENSIONS : [...EXTENSIONS, ...Array.from({ length: 60 }, (_, i) => `Ext${i + 1}`)];
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

/** Jenkins numbers each job's builds in the order they start. */
function numberBuilds(changes: DemoChange[]): void {
  const builds: DemoBuild[] = changes.flatMap((c) => c.builds).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const next = new Map<string, number>();
  for (const b of builds) {
    const n = (next.get(b.job) ?? 1000) + 1;
    next.set(b.job, n);
    b.buildNumber = n;
    b.id = `${b.job}/${n}`;
  }
}

export function buildWorld(opts: WorldOptions): DemoWorld {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 'small';
  const size = SCALES[scale];
  const r = rng(seed);
  const { start, end } = worldSpan(opts.now, size.weeks);
  const people = makePeople(r, size.people);
  const repos = makeRepos(scale);
  const w: DemoWorld = {
    seed, scale, start, end, gerritHost: 'gerrit.wikimedia.org', people, repos,
    tasks: makeTasks(r, people, repos, start, end, size.tasks), changes: [], windows: [], deployments: [], trains: [], incidents: [],
  };
  const b: Builder = { r, w, testScale: size.testScale, kinds: new Map(repos.map((x) => [x.name, x.kind])), plans: new Map() };
  const master = makeChanges(b, size.changes);
  w.changes = [...master];
  const numbers = new ChangeNumbers(master);
  w.windows = makeWindows(r, w);
  w.trains = makeTrains(b, numbers);
  w.deployments = makeDeployments(b, numbers, master);
  makeIncidents(r, w);
  closeTasks(r, w);
  w.changes.sort((a, b2) => a.number - b2.number);
  numberBuilds(w.changes);
  return w;
}
