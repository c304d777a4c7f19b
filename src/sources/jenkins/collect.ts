// Collects Jenkins builds per job through /api/json?tree=allBuilds[…]{from,to} (newest first,
// paged until the cursor's build number), oldest first into raw items, then each finished
// build's tests: testReport/api/json (one raw item per suite) and/or its archived JUnit
// artifacts, streamed through the junit chunker. The cursor is {job: last build number done};
// running builds stop it. I/O only.
import { ShiplogError } from '../../lib/errors.ts';
import { shortHash } from '../../lib/hash.ts';
import { buildIdFromUrl, keys } from '../../model/ids.ts';
import { z } from 'zod';
import { validItems } from '../shape.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import { chunkJUnit } from '../junit/chunker.ts';
import { chunkKey } from '../junit/rows.ts';
import type { JenkinsConfig } from './config.ts';
import type { HttpClient } from '../../lib/http/client.ts';
import { jenkinsClient } from './http.ts';
import { recordedFetch, RECORDED_ROOT } from './recorded.ts';

export interface JenkinsBuild {
  number: number;
  url: string;
  result: string | null;
  building?: boolean;
  artifacts?: { relativePath: string }[];
  [k: string]: unknown;
}

/** The fields of a listed build that collect reads; a build of another shape is a reject. */
const buildShape = z.looseObject({
  number: z.number().int(),
  url: z.string().min(1),
  result: z.string().nullish(),
  building: z.boolean().nullish(),
  artifacts: z.array(z.looseObject({ relativePath: z.string() })).nullish(),
});
const jobShape = z.looseObject({ name: z.string().min(1) });

export const BUILD_TREE = 'number,url,result,building,duration,timestamp,builtOn,fullDisplayName,actions[parameters[name,value]],artifacts[relativePath]';
export const REPORT_TREE = 'duration,failCount,passCount,skipCount,suites[name,timestamp,duration,cases[className,name,duration,status,skipped,skippedMessage,errorDetails,errorStackTrace]]';

interface Run {
  cfg: JenkinsConfig;
  http: HttpClient;
  ctx: CollectContext<JenkinsConfig>;
  cursor: Record<string, number>;
}

export function jobUrl(root: string, jobPath: string): string {
  return `${root.replace(/\/+$/, '')}/${jobPath.split('/').map((s) => `job/${encodeURIComponent(s)}`).join('/')}/`;
}

/** `log/junit*.xml` → a RegExp on relativePath; `*` stays inside one path segment. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${body}$`);
}

async function listJobs(run: Run, folder: string, rejects: Reject[]): Promise<string[]> {
  const base = folder ? jobUrl(run.cfg.url, folder) : `${run.cfg.url.replace(/\/+$/, '')}/`;
  const got = await run.http.json<{ jobs?: unknown } | null>(`${base}api/json?tree=jobs[name]`, { missingOk: true });
  if (got === null) throw new ShiplogError('source_protocol', `${base}api/json: folder not found (404)`);
  const pattern = run.cfg.job_pattern ? new RegExp(run.cfg.job_pattern) : null;
  const jobs = validItems(got?.jobs, jobShape, 'jobs', (where, reason) =>
    rejects.push({ kind: 'job', location: `${base}api/json ${where}`, reason: `not a Jenkins job: ${reason}` }));
  return jobs.map((j) => (folder ? `${folder}/${j.name}` : j.name)).filter((j) => !pattern || pattern.test(j));
}

/** New builds of a job, oldest first, by paging newest-first ranges down to the cursor. */
async function newBuilds(run: Run, job: string, last: number, rejects: Reject[]): Promise<JenkinsBuild[] | null> {
  const out: JenkinsBuild[] = [];
  const size = run.cfg.page_size;
  for (let from = 0; ; from += size) {
    const url = `${jobUrl(run.cfg.url, job)}api/json?tree=allBuilds[${BUILD_TREE}]{${from},${from + size}}`;
    const got = await run.http.json<{ allBuilds?: unknown } | null>(url, { missingOk: true });
    if (got === null) return null;
    const listed = got?.allBuilds;
    const page = validItems(listed, buildShape, `allBuilds (from ${from})`, (where, reason) =>
      rejects.push({ kind: 'build', key: job, location: `${url} ${where}`, reason: `not a Jenkins build: ${reason}` })) as JenkinsBuild[];
    for (const b of page) if (b.number > last) out.push(b);
    if ((Array.isArray(listed) ? listed.length : 0) < size || page.some((b) => b.number <= last)) break;
  }
  return out.sort((a, b) => a.number - b.number);
}

async function* artifactBatches(run: Run, build: JenkinsBuild, buildKey: string): AsyncGenerator<Batch> {
  const patterns = run.cfg.artifacts.map(globToRegExp);
  for (const a of build.artifacts ?? []) {
    if (!patterns.some((p) => p.test(a.relativePath))) continue;
    const url = `${build.url.replace(/\/?$/, '/')}artifact/${a.relativePath.split('/').map(encodeURIComponent).join('/')}`;
    const res = await run.http.stream(url, { missingOk: true });
    if (!res?.body) {
      yield { items: [], rejects: [{ kind: 'artifact', key: buildKey, location: url, reason: 'artifact not found (404): the build was discarded by Jenkins after it was listed; noted, not an error' }] };
      continue;
    }
    const fileId = shortHash(a.relativePath).slice(0, 12);
    const text = res.body.pipeThrough(new TextDecoderStream()) as unknown as AsyncIterable<string>;
    for await (const ev of chunkJUnit(text)) {
      if ('summary' in ev) {
        if (ev.summary.error) {
          yield { items: [], rejects: [{ kind: 'artifact', key: buildKey, location: `${url}: ${ev.summary.error.split(':')[0]}`, reason: `malformed or refused JUnit XML (${ev.summary.error}); ${ev.summary.cases} testcases before it kept` }] };
        }
        break;
      }
      const item: RawItem = { kind: 'cases', key: chunkKey(buildKey, fileId, ev.chunk.firstOrdinal), url: `${url}#chars=${ev.chunk.start}-${ev.chunk.end}`, payload: ev.chunk.payload };
      yield { items: [item] };
    }
  }
}

async function* buildBatches(run: Run, job: string, build: JenkinsBuild): AsyncGenerator<Batch> {
  const buildKey = keys.build('jenkins', buildIdFromUrl(build.url));
  const base = build.url.replace(/\/?$/, '/');
  const items: RawItem[] = [{ kind: 'build', key: buildKey, url: `${base}api/json`, payload: JSON.stringify(build) }];
  const mode = run.cfg.tests;
  let report = false;
  if (mode === 'report' || mode === 'report-then-artifacts') {
    const got = await run.http.json<{ suites?: unknown } | null>(`${base}testReport/api/json?tree=${REPORT_TREE}`, { missingOk: true });
    const suites = got?.suites;
    // each suite goes to raw as it came; normalize checks its shape and rejects what is wrong
    (Array.isArray(suites) ? suites : suites === undefined || suites === null ? [] : [suites]).forEach((suite, i) => {
      items.push({ kind: 'report-suite', key: `${buildKey}#${i}`, url: `${base}testReport/api/json`, payload: JSON.stringify(suite) });
    });
    report = got !== null;
  }
  yield { items };
  if (mode === 'artifacts' || (mode === 'report-then-artifacts' && !report)) yield* artifactBatches(run, build, buildKey);
}

/** Items per batch (one transaction): small builds are grouped, big artifacts still stream. */
const BATCH_ITEMS = 2000;
const BATCH_CHARS = 16_000_000;

async function* collectJob(run: Run, job: string): AsyncGenerator<Batch> {
  const last = run.cursor[job] ?? 0;
  const shapeRejects: Reject[] = [];
  const builds = await newBuilds(run, job, last, shapeRejects);
  if (!builds) {
    yield { items: [], rejects: [{ kind: 'job', key: job, location: jobUrl(run.cfg.url, job), reason: 'job not found (404): renamed or deleted in Jenkins' }] };
    return;
  }
  let acc: Batch = { items: [], rejects: shapeRejects };
  let chars = 0;
  if (last > 0 && builds.length > 0 && builds[0].number > last + 1) {
    acc.rejects!.push({
      kind: 'job', key: job, location: jobUrl(run.cfg.url, job),
      reason: `builds ${last + 1}–${builds[0].number - 1} were discarded by Jenkins before they were read; noted, not an error`,
    });
  }
  const total = builds.length ? builds[builds.length - 1].number - last : 0;
  // the cursor of a batch is the last build whose items are all in this or earlier batches
  const flush = (): Batch => {
    const out: Batch = { ...acc, cursor: JSON.stringify(run.cursor), progress: { done: (run.cursor[job] ?? last) - last, total } };
    acc = { items: [], rejects: [] };
    chars = 0;
    return out;
  };
  for (const b of builds) {
    if (b.building || b.result === null) break; // a running build: resume here next time
    for await (const batch of buildBatches(run, job, b)) {
      acc.items.push(...batch.items);
      acc.rejects!.push(...(batch.rejects ?? []));
      for (const i of batch.items) chars += i.payload.length;
      if (acc.items.length >= BATCH_ITEMS || chars >= BATCH_CHARS) yield flush();
    }
    run.cursor[job] = b.number;
  }
  if (acc.items.length > 0 || acc.rejects!.length > 0 || run.cursor[job] !== last) yield flush();
}

export function parseCursor(cursor: string | null, scope: string): Record<string, number> {
  if (!cursor) return {};
  try {
    const c = JSON.parse(cursor) as unknown;
    if (c && typeof c === 'object') return c as Record<string, number>;
  } catch (err) {
    throw new ShiplogError('source_protocol', `jenkins ${scope}: stored cursor is not JSON: ${(err as Error).message}`, { cause: err });
  }
  return {};
}

export async function* collectJenkins(ctx: CollectContext<JenkinsConfig>): AsyncGenerator<Batch> {
  const recorded = ctx.paths.length > 0;
  const cfg: JenkinsConfig = recorded
    ? { ...defaults(ctx.config), url: RECORDED_ROOT, folders: [''], jobs: [] }
    : ctx.config!;
  const http = jenkinsClient(ctx, cfg, recorded ? recordedFetch(ctx.scope) : ctx.fetch);
  const run: Run = { cfg, http, ctx, cursor: parseCursor(ctx.cursor, ctx.scope) };
  const listRejects: Reject[] = [];
  const jobs = recorded || ctx.scope.startsWith('folder:')
    ? await listJobs(run, recorded ? '' : ctx.scope.slice('folder:'.length), listRejects)
    : [ctx.scope];
  if (listRejects.length > 0) yield { items: [], rejects: listRejects };
  for (const job of jobs) yield* collectJob(run, job);
}

function defaults(c: JenkinsConfig | undefined): JenkinsConfig {
  return {
    url: RECORDED_ROOT, jobs: [], folders: [], page_size: 1000, tests: 'report-then-artifacts',
    artifacts: ['log/junit*.xml', 'log/WDIO.xunit*.xml'], retries: 0, retry_base_ms: 0, retry_max_ms: 0, ...c,
  };
}
