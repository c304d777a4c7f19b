// Parsed JUnit cases → test_results rows, shared by the junit source and the jenkins source
// (archived JUnit artifacts). Pure.
import { keys } from '../../model/ids.ts';
import type { Reject, Row } from '../types.ts';
import { dataSetOf, type ParsedCase } from './reader.ts';

/**
 * One row per case. The result key ends in `#<fileId>.<ordinal>`: the case's place in its
 * report, so two cases with the same name in one build (retries, duplicate data sets) stay apart.
 */
export function caseRows(
  cases: ParsedCase[],
  ctx: { buildKey: string; fileId: string; rawId: string; location: string },
  out: { rows: Row[]; rejects: Reject[] },
): void {
  for (const c of cases) {
    if (!c.name) {
      out.rejects.push({
        rawId: ctx.rawId, kind: 'cases', key: `${ctx.fileId}.${c.ordinal}`,
        location: `${ctx.location} testcase #${c.ordinal}`, reason: 'testcase has no name attribute',
      });
      continue;
    }
    out.rows.push({
      result_key: keys.testResult(ctx.buildKey, c.suite, c.className, c.name, `${ctx.fileId}.${c.ordinal}`),
      build_key: ctx.buildKey, repo: null, suite: c.suite, class: c.className, name: c.name, file: c.file,
      status: c.status, duration_ms: c.durationMs, message: c.message, run_at: c.runAt, raw_id: ctx.rawId,
      line: c.line, data_set: dataSetOf(c.name), original_status: c.originalStatus,
    });
  }
}

/** The raw key of a chunk: `<build key>@<file id>:<first ordinal>`. */
export function chunkKey(buildKey: string, fileId: string, firstOrdinal: number): string {
  return `${buildKey}@${fileId}:${firstOrdinal}`;
}

export function parseChunkKey(key: string): { buildKey: string; fileId: string; firstOrdinal: number } | null {
  const m = /^(.*)@([0-9a-zA-Z_-]+):(\d+)$/.exec(key);
  return m ? { buildKey: m[1], fileId: m[2], firstOrdinal: Number(m[3]) } : null;
}
