// Every SQL link rule as a derive step: the rule's query is the truth, and the step applies
// only the difference — links the query no longer yields are deleted, new ones written —
// so a rule whose inputs did not change its answer changes no row, and the derive layer's
// fixpoint settles. Evidence and confidence come from the earliest sighting (ties by text),
// so the rows do not depend on the order the inputs arrived in. The difference is two
// SELECTs (stale.sql, fresh.sql) over the rule's answer (answer.sql: each engine its own),
// applied through the store's remove and write, which both engines implement.
import type { Step } from '../model/step.ts';
import { loadSql } from '../lib/sql.ts';
import { LINK_RULES, type LinkRule } from './registry.ts';

interface LinkRow { src_key: string; dst_key: string; evidence: string | null; confidence: string | null; first_seen_at: Date | null }

/** stale.sql or fresh.sql over the rule's answer (answer.sql, each engine its own, over the rule's query). */
const fill = (template: string, query: string) =>
  loadSql(import.meta.url, template).replaceAll('{{answer}}', loadSql(import.meta.url, 'answer.sql').replaceAll('{{query}}', query));

/** Pairs per DELETE: the condition is one OR of key equalities. */
const REMOVE_CHUNK = 200;

export function linkStep(rule: LinkRule): Step {
  return {
    name: `link:${rule.rule}`,
    description: rule.description,
    reads: rule.reads,
    writes: ['links'],
    async run(ctx) {
      const query = loadSql(import.meta.url, rule.file);
      const stale = await ctx.all<{ src_key: string; dst_key: string }>(fill('stale.sql', query), [rule.rule]);
      const fresh = await ctx.all<LinkRow>(fill('fresh.sql', query), [rule.rule]);
      for (let i = 0; i < stale.length; i += REMOVE_CHUNK) {
        const part = stale.slice(i, i + REMOVE_CHUNK);
        const pairs = part.map((_, j) => `(src_key = $${2 * j + 2} AND dst_key = $${2 * j + 3})`).join(' OR ');
        await ctx.remove('links', `rule = $1 AND raw_id IS NULL AND (${pairs})`, [rule.rule, ...part.flatMap((l) => [l.src_key, l.dst_key])]);
      }
      await ctx.write('links', fresh.map((l) => ({ ...l, rule: rule.rule, raw_id: null })));
    },
  };
}

export const LINK_STEPS: Step[] = LINK_RULES.map(linkStep);
