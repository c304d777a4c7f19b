// Writes the demo world's CI builds as recorded Jenkins responses (src/sources/jenkins/
// recorded.ts layout): the job list, each job's allBuilds with the ZUUL_* parameters, and each
// build's JUnit report as an archived artifact (log/junit-dbless.xml, log/WDIO.xunit-….xml)
// in the real PHPUnit / WebdriverIO formats; jobs that publish
// no JUnit (phan, npm test) have none, and builds still running at the world's end are
// listed as building. One report is built and written at a time, so the large world (over
// 10M test cases) is written without holding it in memory. `import jenkins <dir>` reads it back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import type { DemoBuild, DemoChange, DemoTestCase, DemoWorld } from '../types.ts';
import { testKindOf, testsOf } from './jenkins-tests.ts';

const ROOT = 'https://integration.wikimedia.org/ci';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function artifactPath(b: DemoBuild): string {
  const kind = testKindOf(b.job) ?? 'phpunit';
  if (kind === 'wdio') return `log/WDIO.xunit-${b.startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}-${b.zuulUuid.slice(0, 8)}.xml`;
  return 'log/junit-dbless.xml';
}

/** A build's JUnit XML as the tool of its kind writes it. */
export function junitXml(b: DemoBuild, cases: DemoTestCase[]): string {
  const kind = testKindOf(b.job) ?? 'phpunit';
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

/** A build as allBuilds lists it; a build still running at the world's end has no result yet. */
export function buildJson(b: DemoBuild, ch: DemoChange, artifact: string | null, end: Date): Record<string, unknown> {
  const p = (name: string, value: string) => ({ _class: 'hudson.model.StringParameterValue', name, value });
  const building = b.startedAt.getTime() + b.durationS * 1000 >= end.getTime();
  return {
    _class: 'hudson.model.FreeStyleBuild',
    actions: [{ _class: 'hudson.model.ParametersAction', parameters: [
      p('ZUUL_UUID', b.zuulUuid), p('ZUUL_PROJECT', b.repo), p('ZUUL_PIPELINE', b.pipeline), p('ZUUL_BRANCH', ch.branch),
      p('ZUUL_CHANGE', String(b.changeNumber)), p('ZUUL_PATCHSET', String(b.patchset)),
    ] }, { _class: 'hudson.model.CauseAction' }],
    artifacts: artifact ? [{ relativePath: artifact }] : [],
    building, builtOn: b.node, duration: building ? 0 : b.durationS * 1000, fullDisplayName: `${b.job} #${b.buildNumber}`,
    number: b.buildNumber, result: building ? null : b.result, timestamp: b.startedAt.getTime(),
    url: `${ROOT}/job/${b.job}/${b.buildNumber}/`,
  };
}

/** One job: its allBuilds document (newest first) and each finished build's JUnit artifact. */
async function writeJob(dir: string, job: string, builds: { b: DemoBuild; ch: DemoChange }[], world: DemoWorld): Promise<void> {
  const jobDir = join(dir, 'job', job);
  mkdirSync(jobDir, { recursive: true });
  builds.sort((x, y) => y.b.buildNumber - x.b.buildNumber); // Jenkins lists newest first
  const listed: string[] = [];
  for (const [i, { b, ch }] of builds.entries()) {
    if (i % 100 === 99) await new Promise((r) => setImmediate(r)); // lets an import running meanwhile go on
    const cases = testsOf(b, world.start, world.end);
    listed.push(JSON.stringify(buildJson(b, ch, cases.length ? artifactPath(b) : null, world.end)));
    if (!cases.length) continue;
    const path = join(jobDir, String(b.buildNumber), 'artifact', artifactPath(b));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, junitXml(b, cases));
  }
  writeFileSync(join(jobDir, 'api.json'), `{"_class":"hudson.model.FreeStyleProject","allBuilds":[\n${listed.join(',\n')}]}\n`);
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
  mkdirSync(root, { recursive: true });
  const jobs = [...byJob.keys()].sort();
  writeFileSync(join(root, 'api.json'), JSON.stringify({
    _class: 'hudson.model.Hudson', jobs: jobs.map((name) => ({ _class: 'hudson.model.FreeStyleProject', name, url: `${ROOT}/job/${name}/` })),
  }));
  for (const job of jobs) await writeJob(root, job, byJob.get(job)!, world);
  return [{ source: 'jenkins', paths: [root], options: { name: 'integration.wikimedia.org' } }];
}
