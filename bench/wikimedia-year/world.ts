// A year of Wikimedia-like CI, generated deterministically from a seed: about 3,000 builds
// a day over 1,300 repositories (MediaWiki core, ~1,000 extensions, skins, services), of
// which the PHPUnit/QUnit jobs write JUnit: core jobs ~20,000 cases, extensions hundreds to
// a few thousand (log-normal). Builds fail 1–5 % of the time (a test or a few), some tests
// are flaky, a failed build is often rechecked, and a few repositories are broken for days.
// Everything about a build comes from (seed, day, n), so any day can be generated alone.
import { rng, seedOf, type Rng } from '../../src/demo/rng.ts';

export const YEAR_START = Date.UTC(2025, 0, 1);
export const DAY_MS = 86_400_000;

export interface Repo {
  name: string;
  kind: 'core' | 'extension' | 'skin' | 'service';
  tests: number;
  /** Share of the day's builds. */
  weight: number;
  /** Ordinals of its flaky tests. */
  flaky: number[];
}

export interface Build {
  key: string;
  repo: Repo;
  job: string;
  pipeline: 'test' | 'gate-and-submit' | 'postmerge';
  change: number | null;
  patchset: number | null;
  startedAt: Date;
  durationS: number;
  /** Test ordinals that fail in this build. */
  failing: Set<number>;
  /** Runs JUnit-reporting tests (PHPUnit/QUnit jobs); others are lint and the like. */
  junit: boolean;
}

function logNormal(r: Rng, median: number, sigma: number): number {
  const u = Math.max(r(), 1e-12);
  const v = r();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

export function makeRepos(seed: number): Repo[] {
  const r = rng(seed);
  const repos: Repo[] = [{ name: 'mediawiki/core', kind: 'core', tests: 20_000, weight: 35, flaky: [] }];
  for (let i = 0; i < 1_000; i++) repos.push({ name: `mediawiki/extensions/Ext${i}`, kind: 'extension', tests: Math.min(3_000, Math.max(20, Math.round(logNormal(r, 150, 1.0)))), weight: 0, flaky: [] });
  for (let i = 0; i < 150; i++) repos.push({ name: `mediawiki/skins/Skin${i}`, kind: 'skin', tests: Math.min(800, Math.max(10, Math.round(logNormal(r, 60, 0.8)))), weight: 0, flaky: [] });
  for (let i = 0; i < 149; i++) repos.push({ name: `mediawiki/services/svc${i}`, kind: 'service', tests: Math.min(1_500, Math.max(10, Math.round(logNormal(r, 100, 1.0)))), weight: 0, flaky: [] });
  for (const repo of repos.slice(1)) repo.weight = Math.max(0.2, logNormal(r, 1.5, 1.1)); // a few busy, most quiet
  for (const repo of repos) {
    const n = Math.max(1, Math.round(repo.tests * 0.004));
    for (let i = 0; i < n; i++) repo.flaky.push(r.int(0, repo.tests - 1));
  }
  return repos;
}

/** Repositories broken for days: [repo index, first day, last day, the failing test]. */
export function brokenSpells(seed: number, repos: Repo[]): [number, number, number, number][] {
  const r = rng(seed ^ 0x5eed);
  return Array.from({ length: 12 }, () => {
    const i = r.int(1, repos.length - 1);
    const first = r.int(0, 350);
    return [i, first, first + r.int(2, 9), r.int(0, repos[i].tests - 1)];
  });
}

export class CiYear {
  readonly repos: Repo[];
  private readonly cumulative: number[];
  private readonly broken: [number, number, number, number][];
  constructor(readonly seed: number, readonly buildsPerDay = 3_000) {
    this.repos = makeRepos(seed);
    let sum = 0;
    this.cumulative = this.repos.map((repo) => (sum += repo.weight));
    this.broken = brokenSpells(seed, this.repos);
  }

  private pickRepo(r: Rng): number {
    const x = r() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The builds of one day (0-based from YEAR_START), in start order; rechecks follow failures. */
  builds(day: number): Build[] {
    const r = rng(seedOf(`${this.seed}/day/${day}`));
    const out: Build[] = [];
    const dayStart = YEAR_START + day * DAY_MS;
    let change = 1_000_000 + day * 2_000;
    while (out.length < this.buildsPerDay) {
      const ri = this.pickRepo(r);
      const repo = this.repos[ri];
      const junit = r.chance(repo.kind === 'core' ? 0.3 : 0.25);
      const pipeline = r.chance(0.62) ? 'test' : r.chance(0.8) ? 'gate-and-submit' : 'postmerge';
      const failing = new Set<number>();
      if (junit) {
        if (r.chance(0.03)) for (let k = r.int(1, 5); k > 0; k--) failing.add(r.int(0, repo.tests - 1));
        for (const f of repo.flaky) if (r.chance(0.08)) failing.add(f);
        for (const [b, first, last, test] of this.broken) if (b === ri && day >= first && day <= last) failing.add(test);
      }
      const isChange = pipeline !== 'postmerge';
      const c = isChange ? change++ : null;
      const at = new Date(dayStart + Math.floor((out.length / this.buildsPerDay) * DAY_MS) + r.int(0, 20_000));
      const build: Build = {
        key: `build:jenkins:${repo.kind === 'core' ? 'mediawiki-quibble-vendor-mysql-php81' : 'quibble-vendor-mysql-php81'}/${day * 10_000 + out.length}`,
        repo, job: junit ? `${repo.kind}-phpunit` : `${repo.kind}-lint`, pipeline, change: c, patchset: isChange ? r.int(1, 6) : null,
        startedAt: at, durationS: junit ? Math.round(repo.tests * 0.02 + r.int(60, 400)) : r.int(20, 120), failing, junit,
      };
      out.push(build);
      // a failed build is rechecked (same change and patch set) half the time
      if (failing.size > 0 && r.chance(0.5) && out.length < this.buildsPerDay) {
        const again = { ...build, key: `${build.key}r`, startedAt: new Date(at.getTime() + 1_800_000), failing: new Set([...failing].filter(() => r.chance(0.4))) };
        out.push(again);
      }
    }
    return out;
  }
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

/** The PHPUnit-style JUnit XML a build's job writes (what Jenkins archives). */
export function junitXml(b: Build): string {
  const repo = b.repo;
  const area = repo.name.split('/').pop()!;
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="${esc(repo.name)}" timestamp="${b.startedAt.toISOString().slice(0, 19)}">\n`];
  const perClass = 12;
  for (let c = 0; c * perClass < repo.tests; c++) {
    const cls = `MediaWiki\\Tests\\${area}\\Area${c % 23}\\Class${c}Test`;
    const file = `/workspace/src/tests/phpunit/${area}/Class${c}Test.php`;
    parts.push(`<testsuite name="${esc(cls)}" file="${file}">\n`);
    for (let m = 0; m < perClass && c * perClass + m < repo.tests; m++) {
      const t = c * perClass + m;
      const attrs = `name="testMethod${m}${m % 4 === 3 ? ` with data set #${t % 7}` : ''}" class="${esc(cls)}" classname="${esc(cls.replaceAll('\\', '.'))}" file="${file}" line="${20 + m * 9}" assertions="${1 + (t % 4)}" time="0.00${(t * 7919) % 9000 + 1000}"`;
      parts.push(b.failing.has(t)
        ? `<testcase ${attrs}><failure type="PHPUnit\\Framework\\ExpectationFailedException">Class${c}Test::testMethod${m}\nFailed asserting that false is true.\n\n${file}:${25 + m * 9}</failure></testcase>\n`
        : `<testcase ${attrs}/>\n`);
    }
    parts.push('</testsuite>\n');
  }
  parts.push('</testsuite>\n</testsuites>\n');
  return parts.join('');
}
