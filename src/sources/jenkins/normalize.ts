// Raw Jenkins items → rows. `build`: one ci_builds row (system `jenkins`) with the Zuul
// parameters (ZUUL_PROJECT/CHANGE/PATCHSET/PIPELINE/UUID) and links to the change and patch
// set; `report-suite`: one test_results row per case of a testReport suite; `cases`: archived
// JUnit XML chunks, read as the junit source reads them. Pure: no clock, no I/O.
import type { RowFor } from '../../model/catalogue/index.ts';
import { buildIdFromUrl, DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import { z } from 'zod';
import { shapeIssue, validEntries } from '../shape.ts';
import type { NormalizeResult, RawRecord, Row } from '../types.ts';
import { readChunk } from '../junit/chunker.ts';
import { firstLine } from '../junit/reader.ts';
import { caseRows, parseChunkKey } from '../junit/rows.ts';
import { parseJUnitTimestamp } from '../junit/time.ts';

// The fields read below, checked with zod: a build or suite of another shape is a reject
// naming its place, never a TypeError.
const buildShape = z.looseObject({
  number: z.number().int(),
  url: z.string().min(1),
  result: z.string().nullish(),
  duration: z.number().nullish(),
  timestamp: z.number().nullish(),
  builtOn: z.string().nullish(),
  actions: z.unknown(),
});
type BuildJson = z.infer<typeof buildShape>;
const paramShape = z.looseObject({ name: z.string(), value: z.unknown() });
const caseShape = z.looseObject({
  className: z.string().nullish(),
  name: z.string().nullish(),
  duration: z.number().nullish(),
  status: z.string().nullish(),
  errorDetails: z.string().nullish(),
  skippedMessage: z.string().nullish(),
});
const suiteShape = z.looseObject({ name: z.string().nullish(), timestamp: z.string().nullish(), cases: z.unknown() });

/** hudson.tasks.junit CaseResult.Status → our status (FIXED passes now, REGRESSION fails now). */
const CASE_STATUS: Record<string, string> = { PASSED: 'pass', FIXED: 'pass', FAILED: 'fail', REGRESSION: 'fail', SKIPPED: 'skip' };

/** Build parameters from `actions[].parameters[]`; entries of another shape are skipped. */
export function paramsOf(build: { actions?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Array.isArray(build.actions) ? build.actions : []) {
    const params = (a as { parameters?: unknown } | null)?.parameters;
    for (const p of Array.isArray(params) ? params : []) {
      const ok = paramShape.safeParse(p);
      if (ok.success && ok.data.value !== null && ok.data.value !== undefined) out[ok.data.name] = String(ok.data.value);
    }
  }
  return out;
}

/** Job path from a build URL: …/job/a/job/b/12/ → "a/b". */
export function jobOfUrl(url: string): string | null {
  const parts = [...url.matchAll(/\/job\/([^/]+)/g)].map((m) => decodeURIComponent(m[1]));
  return parts.length ? parts.join('/') : null;
}

function int(v: string | undefined): number | null {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

function buildRows(rec: RawRecord, gerritHost: string, out: JenkinsOut): void {
  let json: unknown;
  try {
    json = JSON.parse(rec.payload);
  } catch (err) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `build is not JSON: ${(err as Error).message}` });
    return;
  }
  const parsed = buildShape.safeParse(json);
  if (!parsed.success) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `build has no url or number (${shapeIssue(parsed.error)})` });
    return;
  }
  const b: BuildJson = parsed.data;
  const p = paramsOf(b);
  const buildKey = keys.build('jenkins', buildIdFromUrl(b.url));
  const change = int(p.ZUUL_CHANGE);
  const patchset = int(p.ZUUL_PATCHSET);
  const changeKey = change !== null ? keys.change(gerritHost, change) : null;
  const started = typeof b.timestamp === 'number' ? new Date(b.timestamp) : null;
  const durationS = typeof b.duration === 'number' ? b.duration / 1000 : null;
  out.rows.ci_builds.push({
    build_key: buildKey, system: 'jenkins', pipeline: p.ZUUL_PIPELINE ?? null, job: jobOfUrl(b.url), build_number: b.number,
    url: b.url, result: b.result ? b.result.toLowerCase() : null, original_result: b.result ?? null, voting: null,
    duration_s: durationS, started_at: started,
    reported_at: started && durationS !== null ? new Date(started.getTime() + durationS * 1000) : null,
    node: b.builtOn || null, repo: p.ZUUL_PROJECT ?? null, change_key: changeKey, patchset, zuul_uuid: p.ZUUL_UUID ?? null,
    raw_id: rec.rawId,
  });
  if (changeKey) {
    const evidence = `ZUUL_CHANGE=${change}${patchset !== null ? ` ZUUL_PATCHSET=${patchset}` : ''} on ${b.url}`;
    const link = (dst: string): RowFor<'links'> => ({ src_key: buildKey, dst_key: dst, rule: 'jenkins-zuul-params', evidence, confidence: 'high', first_seen_at: started, raw_id: rec.rawId });
    out.rows.links.push(link(changeKey));
    if (patchset !== null) out.rows.links.push(link(keys.patchset(changeKey, patchset)));
  }
}

function suiteRows(rec: RawRecord, out: JenkinsOut): void {
  const m = /^(.*)#(\d+)$/.exec(rec.key);
  let json: unknown;
  try {
    json = JSON.parse(rec.payload);
  } catch (err) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `test report suite is not JSON: ${(err as Error).message}` });
    return;
  }
  if (!m) return;
  const [, buildKey, idx] = m;
  const parsed = suiteShape.safeParse(json);
  if (!parsed.success) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: `${rec.url ?? rec.key} suite ${idx}`, reason: `not a test report suite: ${shapeIssue(parsed.error)}` });
    return;
  }
  const s = parsed.data;
  const runAt = parseJUnitTimestamp(s.timestamp ?? undefined);
  const bad = (where: string, reason: string) =>
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: `${rec.key}.${where}`, location: `${rec.url ?? rec.key} suite ${idx} ${where}`, reason: `not a test case: ${reason}` });
  validEntries(s.cases, caseShape, 'cases', bad).forEach(([i, c]) => {
    const status = CASE_STATUS[c.status ?? ''];
    const where = `${rec.url ?? rec.key} suite ${idx} case ${i}`;
    if (!status || !c.name) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: `${rec.key}.${i}`, location: where, reason: !c.name ? 'case has no name' : `unknown case status "${c.status}"` });
      return;
    }
    out.rows.test_results.push({
      result_key: keys.testResult(buildKey, s.name ?? null, c.className ?? null, c.name, `r${idx}.${i}`),
      build_key: buildKey, repo: null, suite: s.name ?? null, class: c.className ?? null, name: c.name, file: null,
      status, duration_ms: typeof c.duration === 'number' ? Math.round(c.duration * 1e6) / 1e3 : null,
      message: firstLine(c.errorDetails ?? c.skippedMessage ?? ''), run_at: runAt, raw_id: rec.rawId,
      line: null, data_set: null, original_status: c.status,
    });
  });
}

type JenkinsOut = Output<'ci_builds' | 'test_results' | 'links'>;

export function normalizeJenkins(records: RawRecord[], gerritHost = DEFAULT_GERRIT_HOST): JenkinsOut {
  const out = output('ci_builds', 'test_results', 'links');
  for (const rec of records) {
    if (rec.kind === 'build') buildRows(rec, gerritHost, out);
    else if (rec.kind === 'report-suite') suiteRows(rec, out);
    else if (rec.kind === 'cases' && parseChunkKey(rec.key)) {
      const k = parseChunkKey(rec.key)!;
      const { cases, error } = readChunk(rec.payload, k.firstOrdinal);
      const location = rec.url ?? rec.key;
      if (error) out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location, reason: `stored chunk does not parse: ${error}` });
      caseRows(cases, { buildKey: k.buildKey, fileId: k.fileId, rawId: rec.rawId, location }, { rows: out.rows.test_results, rejects: out.rejects });
    } else {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `unknown jenkins record kind "${rec.kind}"` });
    }
  }
  return out;
}
