// Marks the first-parent line of each repository's branch (the commits that were
// "merged to master" one by one, which is what a config deployment is). Walks
// parents[0] from the stored tip; the walk itself is pure over the rows it is given.
// For operations/mediawiki-config it also derives config deployments and trains.
import { loadSql } from '../../lib/sql.ts';
import type { DeriveResult, ReadFn } from '../types.ts';
import { deriveConfigDeploys, nonEmpty } from './config-deploys.ts';
import { deriveTrains } from './trains/derive-trains.ts';

export function firstParentLine(tip: string, parentOf: Map<string, string | undefined>): string[] {
  const line: string[] = [];
  const seen = new Set<string>();
  for (let sha: string | undefined = tip; sha && parentOf.has(sha) && !seen.has(sha); sha = parentOf.get(sha)) {
    seen.add(sha);
    line.push(sha);
  }
  return line;
}

/** True when the repository's latest repo record says mediawiki-config (tip has wikiversions, or --kind). */
async function isMediawikiConfig(read: ReadFn, repo: string): Promise<boolean> {
  const [rec] = await read<{ payload: string }>(
    "SELECT payload FROM raw_records WHERE source = 'git' AND scope = $1 AND kind = 'repo' ORDER BY seq DESC LIMIT 1", [repo]);
  try {
    return rec !== undefined && JSON.parse(rec.payload).kind === 'mediawiki-config';
  } catch {
    return false; // normalize already stored a reject for this unreadable repo record
  }
}

/**
 * True when no wikiversions record arrived after the newest one the stored train_events
 * come from (a re-run with nothing new): the trains need no recomputing.
 */
async function trainsUpToDate(read: ReadFn, repo: string): Promise<boolean> {
  const [r] = await read<{ newest: number | null; derived: number | null }>(loadSql(import.meta.url, 'trains-up-to-date.sql'), [repo, `commit:${repo}:`]);
  return r.newest !== null && r.derived !== null && Number(r.newest) <= Number(r.derived);
}

export async function deriveGit(read: ReadFn, ctx: { scopes: string[] }): Promise<DeriveResult> {
  const statements: DeriveResult['statements'] = [];
  const out: DeriveResult = { rows: {}, rejects: [], deletes: [], statements };
  for (const repo of ctx.scopes) {
    const [state] = await read<{ cursor: string | null }>(
      "SELECT cursor FROM sync_state WHERE source = 'git' AND scope = $1", [repo]);
    if (!state?.cursor) continue;
    // parents[1] of a root commit: NULL on DuckDB, '' on ClickHouse (no sha either way)
    const rows = await read<{ sha: string; p: string | null; first_parent: boolean | null }>('SELECT sha, parents[1] AS p, first_parent FROM commits WHERE repo = $1', [repo]);
    const parentOf = new Map(rows.map((r) => [r.sha, r.p || undefined]));
    const line = firstParentLine(state.cursor, parentOf);
    const onLine = new Set(line);
    const moved = rows.filter((r) => r.first_parent !== onLine.has(r.sha)).map((r) => r.sha);
    if (moved.length > 0) {
      statements.push({ sql: loadSql(import.meta.url, 'first-parent.sql'), params: [repo, nonEmpty(line), moved], changes: moved.length });
    }
    if (await isMediawikiConfig(read, repo)) {
      addResult(out, await deriveConfigDeploys(read, repo, line));
      const trains = (await trainsUpToDate(read, repo)) ? null : await deriveTrains(read, repo, parentOf);
      if (trains) {
        out.deletes!.push(
          {
            table: 'train_events', where: 'left(commit_key, length($1)) = $1 AND event_key NOT IN (SELECT unnest($2))',
            params: [`commit:${repo}:`, nonEmpty(trains.train_events.map((e) => e.event_key as string))],
          },
          { table: 'trains', where: "raw_id LIKE 'git:wikiversions:%' AND train_key NOT IN (SELECT unnest($1))", params: [nonEmpty(trains.trains.map((t) => t.train_key as string))] },
        );
        addResult(out, { rows: trains, rejects: [] });
      }
    }
  }
  return out;
}

function addResult(out: DeriveResult, res: DeriveResult): void {
  const into = out.rows as Record<string, unknown[]>;
  for (const [table, rows] of Object.entries(res.rows)) (into[table] ??= []).push(...(rows as unknown[]));
  out.rejects.push(...res.rejects);
  out.deletes!.push(...(res.deletes ?? []));
  out.statements!.push(...(res.statements ?? []));
}
