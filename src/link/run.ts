// Every SQL link rule as a derive step: the rule's query is the truth, and the step applies
// only the difference — links the query no longer yields are deleted, new ones inserted —
// so a rule whose inputs did not change its answer changes no row, and the derive layer's
// fixpoint settles. Evidence and confidence come from the earliest sighting (ties by text),
// so the rows do not depend on the order the inputs arrived in.
import type { Step } from '../model/step.ts';
import { loadSql } from '../lib/sql.ts';
import { LINK_RULES, type LinkRule } from './registry.ts';

/** The rule's answer, one row per (src_key, dst_key), independent of row order. */
function answerSql(rule: LinkRule): string {
  const query = loadSql(import.meta.url, rule.file).replace(/;\s*$/, '');
  const key = "coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')";
  return `SELECT src_key, dst_key, arg_min(evidence, ${key}) AS evidence, arg_min(confidence, ${key}) AS confidence, min(first_seen_at) AS first_seen_at
            FROM (${query}) q GROUP BY src_key, dst_key`;
}

export function linkStep(rule: LinkRule): Step {
  return {
    name: `link:${rule.rule}`,
    description: rule.description,
    reads: rule.reads,
    writes: ['links'],
    async run(ctx) {
      const answer = answerSql(rule);
      await ctx.run(
        `DELETE FROM links l WHERE l.rule = $1 AND l.raw_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM (${answer}) a WHERE a.src_key = l.src_key AND a.dst_key = l.dst_key
              AND a.evidence IS NOT DISTINCT FROM l.evidence AND a.confidence IS NOT DISTINCT FROM l.confidence
              AND a.first_seen_at IS NOT DISTINCT FROM l.first_seen_at)`,
        [rule.rule],
      );
      await ctx.run(
        `INSERT INTO links (src_key, dst_key, rule, evidence, confidence, first_seen_at, raw_id)
         SELECT src_key, dst_key, $1, evidence, confidence, first_seen_at, NULL FROM (${answer}) a
          WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.src_key = a.src_key AND l.dst_key = a.dst_key AND l.rule = $1)`,
        [rule.rule],
      );
    },
  };
}

export const LINK_STEPS: Step[] = LINK_RULES.map(linkStep);
