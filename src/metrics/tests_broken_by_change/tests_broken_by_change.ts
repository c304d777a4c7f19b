// Report `tests_broken_by_change`: for a test that went from passing to failing (and then
// failed on several unrelated changes, so not by the change under test), the dependency
// change that broke it — the core and vendor changes merged between its last passing run
// and its first failing run, named, with the two runs as evidence.
// Definition: docs/metrics/tests_broken_by_change.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const COLUMNS = [
  'repo', 'suite', 'class', 'name', 'first_fail_at', 'broken_by', 'broken_by_subject', 'broken_by_owner', 'verdict', 'candidates',
  'last_pass_at', 'last_pass_build', 'first_fail_build', 'first_message', 'last_fail_at', 'failed_runs', 'unrelated_changes', 'evidence',
];

interface Breakage {
  repo: string; suite: string; class: string; name: string; last_pass_at: Date; last_pass_build: string;
  first_fail_at: Date; first_fail_build: string; first_message: string | null; last_fail_at: Date; failed_runs: number; unrelated_changes: number;
}
interface DepChange { change_key: string; number: number | bigint; project: string; subject: string | null; owner: string | null; owner_name: string | null; merged_at: Date }

const iso = (d: Date) => new Date(d).toISOString().replace('.000Z', 'Z');

/** The dependency changes merged in (last pass, first failure], newest first, and what they say. Pure. */
export function blame(b: Breakage, deps: DepChange[]): Record<string, unknown> {
  const from = new Date(b.last_pass_at).getTime();
  const to = new Date(b.first_fail_at).getTime();
  const window = deps.filter((c) => { const t = new Date(c.merged_at).getTime(); return t > from && t <= to; })
    .sort((x, y) => new Date(y.merged_at).getTime() - new Date(x.merged_at).getTime());
  const top = window[0];
  const verdict = window.length === 0 ? 'no core or vendor change merged between the last pass and the first failure'
    : window.length === 1 ? 'the only core or vendor change merged between the last pass and the first failure'
      : `the newest of ${window.length} core or vendor changes merged between the last pass and the first failure (not certain)`;
  const named = window.map((c) => `${c.project === 'mediawiki/core' ? '' : `${c.project} `}${String(c.number)} "${c.subject ?? ''}"${c.owner_name ? ` by ${c.owner_name}` : ''} merged ${iso(c.merged_at)}`);
  return {
    ...b,
    suite: b.suite || null,
    class: b.class || null,
    broken_by: top?.change_key ?? null,
    broken_by_subject: top?.subject ?? null,
    broken_by_owner: top?.owner_name ?? top?.owner ?? null,
    verdict,
    candidates: window.map((c) => c.change_key),
    evidence: `passed in ${b.last_pass_build} at ${iso(b.last_pass_at)}; failed in ${b.first_fail_build} at ${iso(b.first_fail_at)}`
      + `${b.first_message ? ` ("${b.first_message.slice(0, 160)}")` : ''}, then on ${b.unrelated_changes} unrelated changes; `
      + (named.length ? `merged in between: ${named.join('; ')}` : 'nothing merged in core or vendor in between'),
  };
}

export const testsBrokenByChange = defineMetric({
  id: 'tests_broken_by_change',
  version: 1,
  kind: 'report',
  title: 'Tests broken by a core change: the dependency change between the last pass and the first failure',
  description: 'Per test that went from passing to failing on several unrelated changes: the core and vendor changes merged between its last passing and first failing run, the newest named as the likely breaker, with both runs as evidence',
  params: baseParams.extend({ repo: z.string().min(1).optional(), min_changes: z.coerce.number().int().min(1).default(2) }),
  async run(ctx, p) {
    const found = await ctx.store.all<Breakage>(loadSql(import.meta.url, 'breakages.sql'), [p.since ?? null, p.until ?? null, p.repo ?? null, p.min_changes]);
    // one row per breakage (two failing runs at the same instant would repeat it)
    const seen = new Set<string>();
    const breakages = found.filter((b) => {
      const k = `${b.repo}\u0000${b.suite}\u0000${b.class}\u0000${b.name}\u0000${new Date(b.first_fail_at).getTime()}`;
      return !seen.has(k) && (seen.add(k), true);
    }).slice(0, p.limit ?? 1000);
    let deps: DepChange[] = [];
    if (breakages.length) {
      const lo = new Date(Math.min(...breakages.map((b) => new Date(b.last_pass_at).getTime())));
      const hi = new Date(Math.max(...breakages.map((b) => new Date(b.first_fail_at).getTime())));
      deps = await ctx.store.all<DepChange>(loadSql(import.meta.url, 'dependency-changes.sql'), [lo, hi]);
    }
    return {
      columns: COLUMNS,
      rows: breakages.map((b) => blame(b, deps)),
      notes: [
        `a breakage: a failing run right after a passing run of the same test, followed by failures on at least ${p.min_changes} unrelated changes (distinct topics; the main line counts as one) before the next pass`,
        'candidates: changes merged on master of mediawiki/core and mediawiki/vendor after the last pass and up to the first failure; broken_by is the newest (certain only when it is the only one)',
      ],
    };
  },
});
