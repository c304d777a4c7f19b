// Contributor absence factor ("bus factor") of an extension or skin: the fewest people
// who together made at least half of its human commits, and of its +2 votes, in the 12
// and 24 months before `until`. Definition: docs/metrics/absence_factor.md.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { REVIEW_BOTS } from '../review_responsiveness/review_responsiveness.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

/** The fewest counts (largest first) whose sum reaches half the total; 0 for no work. */
export function fewestForHalf(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let sum = 0;
  const sorted = [...counts].sort((a, b) => b - a);
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i];
    if (sum * 2 >= total) return i + 1;
  }
  return sorted.length;
}

export const absenceFactor = defineMetric({
  id: 'absence_factor',
  version: 1,
  kind: 'metric',
  title: 'Contributor absence factor',
  description: 'Per repository and window (12, 24 months before until): the fewest people making at least 50 % of human commits, and of Code-Review +2 votes',
  unit: 'people',
  params: stewardParams,
  async run(ctx, p) {
    const until = p.until ?? ctx.clock();
    const rows = await ctx.store.all<{ repo: string; months: number; kind: string; who: string; n: number }>(
      loadSql(import.meta.url, 'absence_factor.sql'), [p.repo ?? null, until, REVIEW_BOTS]);
    const groups = new Map<string, { repo: string; months: number; commits: number[]; plus2: number[] }>();
    for (const r of rows) {
      const k = `${r.repo}\n${r.months}`;
      const g = groups.get(k) ?? groups.set(k, { repo: r.repo, months: Number(r.months), commits: [], plus2: [] }).get(k)!;
      (r.kind === 'commits' ? g.commits : g.plus2).push(Number(r.n));
    }
    const out = [...groups.values()].sort((a, b) => a.repo.localeCompare(b.repo) || a.months - b.months).map((g) => ({
      repo: g.repo, months: g.months, human_commits: g.commits.reduce((a, b) => a + b, 0), committers: g.commits.length,
      commit_absence_factor: fewestForHalf(g.commits), plus2_votes: g.plus2.reduce((a, b) => a + b, 0), reviewers: g.plus2.length,
      plus2_absence_factor: fewestForHalf(g.plus2),
    }));
    return {
      columns: ['repo', 'months', 'human_commits', 'committers', 'commit_absence_factor', 'plus2_votes', 'reviewers', 'plus2_absence_factor'],
      rows: p.limit ? out.slice(0, p.limit) : out,
      notes: [`window ends ${until.toISOString()}; commit authors by email; +2 by Gerrit account, bots excluded`],
    };
  },
});
