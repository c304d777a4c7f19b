// Report `pulse`: what happened in a period, for the whole organisation (GitHub's Pulse,
// across every source): changes merged and opened, commits and merge commits, tasks
// opened and closed, deploys by class and kind, trains and rollbacks, incidents, new
// contributors, and the most active repositories and people. Each figure says whether
// the data of its table covers the period. Definition: docs/metrics/pulse.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { gapOf, tableCoverage } from '../coverage/coverage.ts';
import { baseParams, defineMetric, type MetricContext } from '../define.ts';

export const params = baseParams.extend({
  /** How many repositories, people and new contributors to list (default 10). */
  top: z.coerce.number().int().positive().max(1000).optional(),
});
type Params = z.infer<typeof params>;

export const COLUMNS = ['section', 'name', 'value', 'detail', 'coverage', 'key'];
export const DEFAULT_DAYS = 7;
const DAY = 86_400_000;

export interface PulseRow {
  section: 'figures' | 'deploys' | 'repositories' | 'people' | 'new contributors';
  name: string;
  value: number;
  detail: string;
  coverage: string;
  key: string | null;
}

/** The period: as asked; a missing end is now, a missing start the end less seven days. */
export function periodOf(p: Params, now: Date): { since: Date; until: Date } {
  const until = p.until ?? (p.since && p.since > now ? new Date(p.since.getTime() + DEFAULT_DAYS * DAY) : now);
  const since = p.since ?? new Date(until.getTime() - DEFAULT_DAYS * DAY);
  return { since, until };
}

const n = (v: unknown) => Number(v ?? 0);
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').slice(0, 10));

/** Figure name → the table it counts, and what it counts. */
const FIGURES: [column: string, name: string, table: string, detail: string][] = [
  ['changes_merged', 'changes merged', 'changes', 'Gerrit changes by merge time'],
  ['changes_opened', 'changes opened', 'changes', 'Gerrit changes by creation time'],
  ['changes_abandoned', 'changes abandoned', 'changes', 'by abandon time'],
  ['commits', 'commits landed', 'commits', 'git commits other than merges, by commit time'],
  ['merge_commits', 'merge commits', 'commits', 'git commits with two or more parents, by commit time (git log --merges)'],
  ['tasks_opened', 'tasks opened', 'tasks', 'Phabricator tasks by creation time'],
  ['tasks_closed', 'tasks closed', 'tasks', 'by closing time'],
  ['promotions', 'train promotions', 'train_events', 'a version rolled forward to a wiki group'],
  ['trains', 'trains promoted', 'train_events', 'versions with at least one promotion'],
  ['rollbacks', 'rollbacks', 'train_events', 'a wiki group rolled back to an older version'],
  ['trains_rolled_back', 'trains rolled back', 'train_events', 'versions with at least one rollback'],
  ['incidents', 'incidents', 'incidents', 'incident reports by start time'],
];

export async function runPulse(ctx: MetricContext, p: Params): Promise<{ rows: PulseRow[]; since: Date; until: Date; notes: string[] }> {
  const { since, until } = periodOf(p, ctx.clock());
  const top = p.top ?? 10;
  const covered = async (table: string) => gapOf(table, await tableCoverage(ctx.store, table), since, until)?.replace(`${table}: `, '') ?? 'covered';
  const rows: PulseRow[] = [];
  const [f] = await ctx.store.all<Record<string, unknown>>(loadSql(import.meta.url, 'pulse-figures.sql'), [since, until]);
  for (const [column, name, table, detail] of FIGURES) {
    rows.push({ section: 'figures', name, value: n(f[column]), detail, coverage: await covered(table), key: null });
  }
  const deploys = await ctx.store.all<{ kind: string; class: string; deploys: unknown; deployers: unknown; not_ok: unknown }>(
    loadSql(import.meta.url, 'pulse-deploys.sql'), [since, until]);
  const deployCoverage = await covered('deployments');
  for (const cls of ['train', 'backport/config', 'bookkeeping']) {
    const of = deploys.filter((d) => d.class === cls);
    rows.push({
      section: 'figures', name: `deploys (${cls})`, value: of.reduce((s, d) => s + n(d.deploys), 0),
      detail: of.length ? `${of.map((d) => `${d.kind} ${n(d.deploys)}`).join(', ')}` : 'none', coverage: deployCoverage, key: null,
    });
  }
  for (const d of deploys) {
    rows.push({
      section: 'deploys', name: d.kind, value: n(d.deploys),
      detail: `class ${d.class}; ${n(d.deployers)} deployer(s); ${n(d.not_ok)} not ok`, coverage: deployCoverage, key: d.class,
    });
  }
  const repos = await ctx.store.all<{ repo: string; merged: unknown; opened: unknown; commits: unknown; authors: unknown }>(
    loadSql(import.meta.url, 'pulse-repos.sql'), [since, until, top]);
  const repoCoverage = [await covered('changes'), await covered('commits')];
  for (const r of repos) {
    rows.push({
      section: 'repositories', name: r.repo, value: Math.max(n(r.merged), n(r.commits)),
      detail: `${n(r.merged)} merged, ${n(r.opened)} opened, ${n(r.commits)} commits by ${n(r.authors)} author(s)`,
      coverage: repoCoverage.every((c) => c === 'covered') ? 'covered' : `changes ${repoCoverage[0]}; commits ${repoCoverage[1]}`, key: r.repo,
    });
  }
  const people = await ctx.store.all<{ who: string; name: string; first_at: unknown; commits: unknown; merged: unknown; opened: unknown; deploys: unknown }>(
    loadSql(import.meta.url, 'pulse-people.sql'), [since, until]);
  const personDetail = (x: (typeof people)[number]) => `${n(x.commits)} commits, ${n(x.merged)} merged, ${n(x.opened)} opened, ${n(x.deploys)} deploys`;
  for (const x of people.slice(0, top)) {
    rows.push({
      section: 'people', name: x.name, value: Math.max(n(x.commits), n(x.merged)) + n(x.deploys), detail: personDetail(x),
      coverage: repoCoverage.every((c) => c === 'covered') && deployCoverage === 'covered' ? 'covered' : 'partly covered (see figures)', key: x.who,
    });
  }
  const firstCoverage = [await covered('commits'), await covered('changes')];
  const fresh = people.filter((x) => x.first_at instanceof Date ? x.first_at >= since && x.first_at < until : false)
    .sort((a, b) => (a.first_at as Date).getTime() - (b.first_at as Date).getTime() || a.who.localeCompare(b.who));
  for (const x of fresh.slice(0, top)) {
    rows.push({
      section: 'new contributors', name: x.name, value: 1, detail: `first commit or change ${day(x.first_at)}; ${personDetail(x)}`,
      coverage: firstCoverage.some((c) => c.includes('begins')) ? 'their history before the period is not loaded: "new" may be old' : 'covered', key: x.who,
    });
  }
  const notes = [
    `period ${since.toISOString()} to ${until.toISOString()} (until excluded)`,
    `${fresh.length} new contributor(s): first commit or change in the period${fresh.length > top ? ` (first ${top} listed)` : ''}`,
    'a person is the people row their accounts were joined to, else one account (git email, Gerrit account, IRC nick)',
  ];
  return { rows, since, until, notes };
}

export const pulse = defineMetric({
  id: 'pulse',
  version: 1,
  kind: 'report',
  title: 'Pulse: what happened in a period',
  description: 'Merges, changes and tasks opened and closed, deploys by class and kind, trains and rollbacks, incidents, new contributors, and the most active repositories and people of a period (default: the last 7 days)',
  params,
  reads: ['changes', 'commits', 'tasks', 'deployments', 'train_events', 'incidents'],
  async run(ctx, p) {
    const r = await runPulse(ctx, p);
    return { columns: COLUMNS, rows: r.rows as unknown as Record<string, unknown>[], notes: r.notes, period: { since: r.since, until: r.until } };
  },
});
