// Runs every SQL link rule: each is recomputed whole (delete its rows, insert its
// result), so link rules are idempotent and renormalize reproduces them exactly.
import type { Store } from '../store/index.ts';
import { loadSql } from '../lib/sql.ts';
import { LINK_RULES, type LinkRule } from './registry.ts';

export async function runLinkRules(tx: Store, rules: LinkRule[] = LINK_RULES): Promise<number> {
  let total = 0;
  for (const r of rules) {
    const query = loadSql(import.meta.url, r.file).replace(/;\s*$/, '');
    await tx.run('DELETE FROM links WHERE rule = $1 AND raw_id IS NULL', [r.rule]);
    await tx.run(
      `INSERT INTO links (src_key, dst_key, rule, evidence, confidence, first_seen_at, raw_id)
       SELECT src_key, dst_key, $1, arg_min(evidence, first_seen_at), any_value(confidence), min(first_seen_at), NULL
         FROM (${query}) q
        WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.src_key = q.src_key AND l.dst_key = q.dst_key AND l.rule = $1)
        GROUP BY src_key, dst_key`,
      [r.rule],
    );
    const [{ n }] = await tx.all<{ n: number }>('SELECT count(*) AS n FROM links WHERE rule = $1', [r.rule]);
    total += n;
  }
  return total;
}
