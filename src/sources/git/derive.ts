// Marks the first-parent line of each repository's branch (the commits that were
// "merged to master" one by one, which is what a config deployment is). Walks
// parents[0] from the stored tip; the walk itself is pure over the rows it is given.
import type { DeriveResult, ReadFn } from '../types.ts';

export function firstParentLine(tip: string, parentOf: Map<string, string | undefined>): string[] {
  const line: string[] = [];
  const seen = new Set<string>();
  for (let sha: string | undefined = tip; sha && parentOf.has(sha) && !seen.has(sha); sha = parentOf.get(sha)) {
    seen.add(sha);
    line.push(sha);
  }
  return line;
}

export async function deriveGit(read: ReadFn, ctx: { scopes: string[] }): Promise<DeriveResult> {
  const statements: DeriveResult['statements'] = [];
  for (const repo of ctx.scopes) {
    const [state] = await read<{ cursor: string | null }>(
      "SELECT cursor FROM sync_state WHERE source = 'git' AND scope = $1", [repo]);
    if (!state?.cursor) continue;
    const rows = await read<{ sha: string; p: string | null }>('SELECT sha, parents[1] AS p FROM commits WHERE repo = $1', [repo]);
    const parentOf = new Map(rows.map((r) => [r.sha, r.p ?? undefined]));
    const line = firstParentLine(state.cursor, parentOf);
    statements.push({
      sql: `UPDATE commits SET first_parent = (sha IN (SELECT unnest($2::VARCHAR[])))
             WHERE repo = $1 AND first_parent IS DISTINCT FROM (sha IN (SELECT unnest($2::VARCHAR[])))`,
      params: [repo, line],
    });
  }
  return { rows: {}, rejects: [], statements };
}
