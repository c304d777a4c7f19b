// After a ci-config import: replays the stored layout diffs of each scope in order into
// ci.* fact periods (repo_facts, until_at included), then reconciles the lifecycle.
// A diff that does not apply is a reject naming the commit and the file.
import { periodsBySeries } from '../../model/stewardship/periods.ts';
import type { DeriveResult, ReadFn } from '../types.ts';
import { deriveLifecycle, emptyDerive } from '../steward-common/derive.ts';
import { readChange } from './normalize.ts';
import { replayLayout } from './replay.ts';

const PREFIXES_DEFAULT = ['mediawiki/extensions/', 'mediawiki/skins/'];

export function makeDeriveCiConfig(prefixes: () => readonly string[] = () => PREFIXES_DEFAULT) {
  return async function deriveCiConfig(read: ReadFn, ctx: { scopes: string[] }): Promise<DeriveResult> {
    const out = emptyDerive();
    const fresh: { repo: string; fact: string; value?: string | null; since_at: Date }[] = [];
    for (const scope of ctx.scopes) {
      const rows = await read<{ raw_id: string; payload: string }>(
        `SELECT r.raw_id, r.payload FROM raw_records r JOIN raw_heads h USING (raw_id)
          WHERE r.source = 'ci-config' AND r.scope = $1 AND r.kind = 'layout-diff' ORDER BY r.seq`, [scope]);
      const changes = rows.flatMap((r) => {
        const c = readChange(r.payload);
        return typeof c === 'string' ? [] : [{ rawId: r.raw_id, change: c }];
      });
      const { points, problems } = replayLayout(changes, prefixes());
      const { periods } = periodsBySeries(points, (p) => `${p.repo}\n${p.fact}`);
      fresh.push(...periods);
      (out.rows as Record<string, unknown[]>).repo_facts = [
        ...((out.rows as Record<string, unknown[]>).repo_facts ?? []),
        ...periods.map((p) => ({ ...p, definition_version: 1 })),
      ];
      out.rejects.push(...problems.map((p) => ({ rawId: p.rawId, kind: 'layout-diff', key: p.sha, location: `${scope}@${p.sha}`, reason: p.reason })));
    }
    await deriveLifecycle(read, out, { prefix: 'ci.', rows: fresh });
    return out;
  };
}
