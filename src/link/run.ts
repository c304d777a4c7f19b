// Every SQL link rule as a derive step: the rule's query is the truth, and the step applies
// only the difference — links the query no longer yields are deleted, new ones written —
// so a rule whose inputs did not change its answer changes no row, and the derive layer's
// fixpoint settles. Evidence and confidence come from the earliest sighting (ties by text),
// so the rows do not depend on the order the inputs arrived in. The difference is two
// SELECTs (stale.sql, fresh.sql) over the rule's answer (answer.sql: each engine its own),
// applied through the store's remove and write, which both engines implement. A rule with
// many source keys works through them in slices, a transaction each (bound.sql, slice.sql):
// the answer joined with the rule's links at once did not fit DuckDB's 512MB at 709,832 pairs.
import type { Step } from '../model/step.ts';
import { loadSql } from '../lib/sql.ts';
import { LINK_RULES, type LinkRule } from './registry.ts';

interface LinkRow { src_key: string; dst_key: string; evidence: string | null; confidence: string | null; first_seen_at: Date | null }

/** stale.sql or fresh.sql over the rule's answer (answer.sql, each engine its own, over the slice of the rule's query). */
const fill = (template: string, query: string) =>
  loadSql(import.meta.url, template).replaceAll('{{answer}}',
    loadSql(import.meta.url, 'answer.sql').replaceAll('{{query}}', loadSql(import.meta.url, 'slice.sql').replaceAll('{{query}}', query)));

/** Source keys a transaction at most: the slice's answer and links are joined in the engine's memory. */
export const SLICE_KEYS = 100_000;

/** Pairs per DELETE: the condition is one OR of key equalities. */
const REMOVE_CHUNK = 200;

/**
 * The step of one rule, working through at most `sliceKeys` source keys a transaction (an
 * options object: `rules.map(linkStep)` passed the array index as a slice size, and now
 * does not compile).
 */
export function linkStep(rule: LinkRule, { sliceKeys = SLICE_KEYS }: { sliceKeys?: number } = {}): Step {
  if (!Number.isInteger(sliceKeys) || sliceKeys < 1) throw new Error(`a link rule's slice must hold at least one source key (${sliceKeys})`);
  return {
    name: `link:${rule.rule}`,
    description: rule.description,
    reads: rule.reads,
    writes: ['links'],
    async run(ctx) {
      const query = loadSql(import.meta.url, rule.file);
      const from = ctx.cursor;
      const [bound] = await ctx.all<{ src_key: string }>(loadSql(import.meta.url, 'bound.sql').replaceAll('{{query}}', query), [from, sliceKeys - 1]);
      const upto = bound?.src_key ?? null;
      const params = [rule.rule, from, upto];
      const stale = await ctx.all<{ src_key: string; dst_key: string }>(fill('stale.sql', query), params);
      const fresh = await ctx.all<LinkRow>(fill('fresh.sql', query), params);
      for (let i = 0; i < stale.length; i += REMOVE_CHUNK) {
        const part = stale.slice(i, i + REMOVE_CHUNK);
        const pairs = part.map((_, j) => `(src_key = $${2 * j + 2} AND dst_key = $${2 * j + 3})`).join(' OR ');
        await ctx.remove('links', `rule = $1 AND raw_id IS NULL AND (${pairs})`, [rule.rule, ...part.flatMap((l) => [l.src_key, l.dst_key])]);
      }
      await ctx.write('links', fresh.map((l) => ({ ...l, rule: rule.rule, raw_id: null })));
      return upto === null ? undefined : { cursor: upto };
    },
  };
}

export const LINK_STEPS: Step[] = LINK_RULES.map((rule) => linkStep(rule));
