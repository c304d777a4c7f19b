// Writes the demo world's CI builds as recorded Jenkins responses (src/sources/jenkins/
// recorded.ts layout): the job list, each job's allBuilds with the ZUUL_* parameters, and each
// build's JUnit report as an archived artifact (log/junit-dbless.xml, log/WDIO.xunit-….xml,
// log/junit-karma.xml) in the real PHPUnit / WebdriverIO / karma formats. Everything is
// streamed to disk with a bounded number of writes in flight, so the large world (over 10M
// test cases) is written without holding it in memory. `import jenkins <dir>` reads it back.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import type { DemoBuild, DemoChange, DemoTestCase, DemoWorld } from '../types.ts';
import { testKindOf, testsOf } from './jenkins-tests.ts';

const ROOT = 'https://integration.wikimedia.org/ci';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function artifactPath(b: DemoBuild): string {
  const kind = testKindOf(b.job);
  if (kind === 'wdio') return `log/WDIO.xunit-${b.startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}-${b.zuulUuid.slice(0, 8)}.xml`;
  return kind === 'qunit' ? 'log/junit-karma.xml' : 'log/junit-dbless.xml';
}

/** A build's JUnit XML as the tool of its kind writes it. */
export function junitXml(b: DemoBuild, cases: DemoTestCase[]): string {
  const kind = testKindOf(b.job);
  const ts = b.startedAt.toISOString().slice(0, 19);
  const failures = cases.filter((c) => c.status === 'fail').length;
  const errors = cases.filter((c) => c.status === 'error').length;
  const skipped = cases.filter((c) => c.status === 'skip').length;
  const time = (cases.reduce((s, c) => s + c.durationMs, 0) / 1000).toFixed(6);
  const body = cases.map((c) => {
    const attrs = kind === 'phpunit'
      ? `name="${esc(c.name)}" class="${esc(c.className)}" classname="${esc(c.className.replace(/\\/g, '.'))}" file="/workspace/src/tests/phpunit/${esc(c.className.split('\\').pop()!)}.php" line="${10 + c.name.length}" assertions="1" time="${(c.durationMs / 1000).toFixed(6)}"`
      : `classname="${esc(c.className)}" name="${esc(c.name)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
    if (c.status === 'pass') return `      <testcase ${attrs}/>\n`;
    if (c.status === 'skip') return `      <testcase ${attrs}>\n        <skipped/>\n      </testcase>\n`;
    const el = c.status === 'error' ? 'error' : 'failure';
    return `      <testcase ${attrs}>\n        <${el} type="${kind === 'phpunit' ? 'PHPUnit\\Framework\\ExpectationFailedException' : 'Error'}">${esc(`${c.className}::${c.name}\n${c.message}\n\n/workspace/src/tests/phpunit/x.php:42`)}</${el}>\n      </testcase>\n`;
  }).join('');
  const suite = cases[0]?.suite ?? b.job;
  const head = `<testsuite name="${esc(suite)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${ts}">\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  ${head}${body}  </testsuite>\n</testsuites>\n`;
}

export function buildJson(b: DemoBuild, ch: DemoChange, artifact: string | null): Record<string, unknown> {
  const p = (name: string, value: string) => ({ _class: 'hudson.model.StringParameterValue', name, value });
  return {
    _class: 'hudson.model.FreeStyleBuild',
    actions: [{ _class: 'hudson.model.ParametersAction', parameters: [
      p('ZUUL_UUID', b.zuulUuid), p('ZUUL_PROJECT', b.repo), p('ZUUL_PIPELINE', b.pipeline), p('ZUUL_BRANCH', ch.branch),
      p('ZUUL_CHANGE', String(b.changeNumber)), p('ZUUL_PATCHSET', String(b.patchset)),
    ] }, { _class: 'hudson.model.CauseAction' }],
    artifacts: artifact ? [{ relativePath: artifact }] : [],
    building: false, builtOn: b.node, duration: b.durationS * 1000, fullDisplayName: `${b.job} #${b.buildNumber}`,
    number: b.buildNumber, result: b.result, timestamp: b.startedAt.getTime(),
    url: `${ROOT}/job/${b.job}/${b.buildNumber}/`,
  };
}

/** Runs fn over items with at most `limit` promises in flight. */
async function pool<T>(items: Iterable<T>, limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for (const it of items) {
    const p = fn(it).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

async function writeJob(dir: string, job: string, builds: { b: DemoBuild; ch: DemoChange }[], world: DemoWorld): Promise<void> {
  const jobDir = join(dir, 'job', job);
  await mkdir(jobDir, { recursive: true });
  builds.sort((x, y) => y.b.buildNumber - x.b.buildNumber); // Jenkins lists newest first
  const out = createWriteStream(join(jobDir, 'api.json'));
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('{"_class":"hudson.model.FreeStyleProject","allBuilds":[');
  let first = true;
  for (const { b, ch } of builds) {
    const cases = testsOf(b, world.start, world.end);
    await write(`${first ? '' : ','}\n${JSON.stringify(buildJson(b, ch, cases.length ? artifactPath(b) : null))}`);
    first = false;
  }
  await write(']}\n');
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  await pool(builds, 32, async ({ b }) => {
    const cases = testsOf(b, world.start, world.end);
    if (!cases.length) return;
    const path = join(jobDir, String(b.buildNumber), 'artifact', artifactPath(b));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, junitXml(b, cases));
  });
}

export async function emitJenkins(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const root = join(dir, 'jenkins');
  const byJob = new Map<string, { b: DemoBuild; ch: DemoChange }[]>();
  for (const ch of world.changes) {
    for (const b of ch.builds) {
      if (b.result === 'LOST') continue; // Jenkins lost it: Zuul reports it, Jenkins has no record
      let list = byJob.get(b.job);
      if (!list) byJob.set(b.job, (list = []));
      list.push({ b, ch });
    }
  }
  await mkdir(root, { recursive: true });
  const jobs = [...byJob.keys()].sort();
  await writeFile(join(root, 'api.json'), JSON.stringify({
    _class: 'hudson.model.Hudson', jobs: jobs.map((name) => ({ _class: 'hudson.model.FreeStyleProject', name, url: `${ROOT}/job/${name}/` })),
  }));
  for (const job of jobs) await writeJob(root, job, byJob.get(job)!, world);
  return [{ source: 'jenkins', paths: [root] }];
}
