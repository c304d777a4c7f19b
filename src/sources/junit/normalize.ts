// Raw JUnit items → rows. `cases`: one test_results row per testcase of a verbatim XML chunk;
// `file`: the ci_builds row of a file imported as its own build (system `junit`), its links to
// the change and patch set given on the command line, and a reject when the XML was malformed.
// Pure: no clock, no I/O.
import type { RowFor } from '../../model/catalogue/index.ts';
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type NormalizeResult, type Output, type RawRecord } from '../types.ts';

type JUnitOut = Output<'test_results' | 'ci_builds' | 'links'>;
import { readChunk } from './chunker.ts';
import type { JUnitFileMeta } from './collect.ts';
import { caseRows, parseChunkKey } from './rows.ts';

export function buildRow(m: JUnitFileMeta, rawId: string): { build: RowFor<'ci_builds'> | null; links: RowFor<'links'>[] } {
  const changeKey = m.change !== null ? keys.change(m.gerritHost ?? DEFAULT_GERRIT_HOST, m.change) : null;
  const links: RowFor<'links'>[] = [];
  const at = m.summary.earliest ? new Date(m.summary.earliest) : null;
  if (changeKey) {
    const evidence = `import junit ${m.path} --change ${m.change}${m.patchset !== null ? ` --patchset ${m.patchset}` : ''}`;
    links.push({ src_key: m.buildKey, dst_key: changeKey, rule: 'junit-import-change', evidence, confidence: 'high', first_seen_at: at, raw_id: rawId });
    if (m.patchset !== null) {
      links.push({ src_key: m.buildKey, dst_key: keys.patchset(changeKey, m.patchset), rule: 'junit-import-change', evidence, confidence: 'high', first_seen_at: at, raw_id: rawId });
    }
  }
  if (!m.createsBuild) return { build: null, links };
  const s = m.summary;
  return {
    build: {
      build_key: m.buildKey, system: 'junit', pipeline: null, job: m.job, build_number: null, url: m.path,
      result: s.error ? 'error' : s.failed > 0 ? 'failure' : 'success',
      original_result: `${s.cases} testcases, ${s.failed} failed or in error${s.error ? ', report malformed' : ''}`,
      voting: null, duration_s: Math.round(s.durationMs) / 1000, started_at: at, reported_at: null, node: null,
      repo: m.repo, change_key: changeKey, patchset: m.patchset, zuul_uuid: null, raw_id: rawId,
    },
    links,
  };
}

function fileRows(rec: RawRecord, out: JUnitOut): void {
  let m: JUnitFileMeta;
  try {
    m = JSON.parse(rec.payload) as JUnitFileMeta;
  } catch (err) {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `file record is not JSON: ${(err as Error).message}` });
    return;
  }
  if (!m || typeof m !== 'object' || !m.summary || typeof m.summary !== 'object') {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: 'file record is not {path, summary, …}' });
    return;
  }
  const { build, links } = buildRow(m, rec.rawId);
  if (build) out.rows.ci_builds.push(build);
  out.rows.links.push(...links);
  if (m.summary.error) {
    out.rejects.push({
      rawId: rec.rawId, kind: 'file', key: rec.key, location: `${m.path}: ${m.summary.error.split(':')[0]}`,
      reason: `malformed or refused JUnit XML (${m.summary.error}); the ${m.summary.cases} testcases before the last complete element were kept, ${m.summary.dropped} after it dropped`,
    });
  }
}

export function normalizeJUnit(records: RawRecord[]): JUnitOut {
  const out = output('test_results', 'ci_builds', 'links');
  for (const rec of records) {
    if (rec.kind === 'file') {
      fileRows(rec, out);
      continue;
    }
    const k = rec.kind === 'cases' ? parseChunkKey(rec.key) : null;
    if (!k) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `unknown junit record kind "${rec.kind}" or key` });
      continue;
    }
    const { cases, error } = readChunk(rec.payload, k.firstOrdinal);
    const location = rec.url ?? rec.key;
    if (error) out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location, reason: `stored chunk does not parse: ${error}` });
    caseRows(cases, { buildKey: k.buildKey, fileId: k.fileId, rawId: rec.rawId, location }, { rows: out.rows.test_results, rejects: out.rejects });
  }
  return out;
}
