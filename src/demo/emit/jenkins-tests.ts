// The test cases of a demo build, derived deterministically from the world (seeded by the
// build id): each repository has a catalog of tests; a build runs the first testCount of its
// kind. A passing build passes them all (a few are always skipped); a failing build fails
// the repository's long-failing test while it is broken (a three-week stretch), each of its
// two flaky tests half the time, and otherwise one test picked at random. Pure.
import { rng, seedOf } from '../rng.ts';
import type { DemoBuild, DemoTestCase } from '../types.ts';

const AREAS = ['Title', 'Parser', 'Revision', 'User', 'Html', 'Api', 'Storage', 'Language', 'Page', 'Session'];
const VERBS = ['Construct', 'Parse', 'Render', 'Save', 'Load', 'Expand', 'Escape', 'Normalize', 'Validate', 'Format'];
const DAY = 86_400_000;

export type TestKind = 'phpunit' | 'wdio';

/**
 * The JUnit a job publishes: Quibble's PHPUnit (log/junit-dbless.xml) and WebdriverIO's
 * (log/WDIO.xunit-….xml); null for jobs that publish none (phan, npm test, composer test).
 */
export function testKindOf(job: string): TestKind | null {
  return job.includes('selenium') ? 'wdio' : job.includes('quibble') ? 'phpunit' : null;
}

/** Test i of a repository's catalog for a kind: stable names, so runs of a test line up. */
export function catalogCase(repo: string, kind: TestKind, i: number): { suite: string; className: string; name: string } {
  const area = AREAS[i % AREAS.length];
  const verb = VERBS[Math.floor(i / AREAS.length) % VERBS.length];
  const ext = repo.split('/').pop() ?? repo;
  if (kind === 'wdio') return { suite: `${ext} ${area}`, className: `chrome.${ext}_${area}`, name: `should_${verb.toLowerCase()}_${area.toLowerCase()}_${i}` };
  const set = i % 7 === 6 ? ` with data set #${i % 3}` : '';
  return { suite: `${ext}:unit`, className: `MediaWiki\\Tests\\${area}\\${area}${verb}Test`, name: `test${verb}${area}${i}${set}` };
}

/** The repository's long-failing test (catalog index 3) is broken for three weeks from here. */
export function brokenFrom(repo: string, worldStart: Date, worldEnd: Date): Date {
  const span = worldEnd.getTime() - worldStart.getTime();
  return new Date(worldStart.getTime() + (seedOf(repo) % 1000) / 1000 * Math.max(0, span - 21 * DAY));
}

export function testsOf(b: DemoBuild, worldStart: Date, worldEnd: Date): DemoTestCase[] {
  if (b.result === 'ABORTED' || b.result === 'LOST' || b.testCount === 0) return [];
  if (b.startedAt.getTime() + b.durationS * 1000 >= worldEnd.getTime()) return []; // still running: no report yet
  const kind = testKindOf(b.job);
  if (!kind) return [];
  const r = rng(seedOf(b.id));
  const cases: DemoTestCase[] = [];
  for (let i = 0; i < b.testCount; i++) {
    const c = catalogCase(b.repo, kind, i);
    const skip = seedOf(`${b.repo}/${c.name}`) % 50 === 0;
    cases.push({ suite: c.suite, className: c.className, name: c.name, status: skip ? 'skip' : 'pass', durationMs: r.int(1, 800), message: null });
  }
  if (b.result === 'SUCCESS') return cases;
  const from = brokenFrom(b.repo, worldStart, worldEnd).getTime();
  const fail = (i: number, message: string, status: 'fail' | 'error' = 'fail') => {
    if (cases[i] && cases[i].status !== 'skip') Object.assign(cases[i], { status, message });
  };
  const t = b.startedAt.getTime();
  if (t >= from && t < from + 21 * DAY) fail(3, 'Failed asserting that two strings are identical.');
  if (r.chance(0.5)) fail(5, 'Timeout: exceeded 30000ms waiting for the element to be displayed');
  if (r.chance(0.5)) fail(7, 'Deadlock found when trying to get lock; try restarting transaction', 'error');
  if (!cases.some((c) => c.status === 'fail' || c.status === 'error')) fail(r.int(0, cases.length - 1), 'Failed asserting that false is true.');
  return cases;
}
