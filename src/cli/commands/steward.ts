// `shiplog steward [repo]`: one extension's or skin's steward page (lifecycle with the
// date of every signal, compliance, activity, reviews, bugs, tests, stewards), or without
// a repository the fleet overview. Thin over src/api/query/steward*.ts: the running
// server's GET /api/steward/<repo> and /api/stewardship when one owns the database.
import type { Command } from 'commander';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

type Page = Record<string, any>;
const day = (d: unknown) => (d ? new Date(d as string).toISOString().slice(0, 10) : '');
const pct = (x: unknown) => (x === null || x === undefined ? '—' : `${Math.round(Number(x) * 100)} %`);

function printPage(env: CliEnv, p: Page): void {
  const l = p.lifecycle ?? {};
  env.print(`${p.repo} (${p.kind}): ${l.status ?? 'no lifecycle signal yet'}${l.reason ? ` — ${l.reason}` : ''}`);
  if (l.disagree) for (const d of l.disagreements ?? []) env.print(`  sources disagree: ${d}`);
  env.print('\nLifecycle dates, from every source');
  env.print(env.table(['at', 'what', 'source', 'value'], (p.dates as Page[]).map((d) => ({ ...d, at: day(d.at) }))));
  env.print('\nCompliance now');
  env.print(env.table(['truth', 'met', 'applicable', 'score'], (p.compliance.scores as Page[]).map((s) => ({ ...s, score: pct(s.score) }))));
  const behind = (p.compliance.checks as Page[]).filter((c) => !c.met);
  if (behind.length) env.print(env.table(['fact', 'truth', 'rule', 'target', 'value'], behind));
  const open = (p.compliance.bumps as Page[]).filter((b) => !b.met_at).slice(0, 10);
  if (open.length) {
    env.print('\nTarget bumps not met yet');
    env.print(env.table(['fact', 'truth', 'target', 'since', 'days_out'], open.map((b) => ({ ...b, since: day(b.since_at) }))));
  }
  const last = (p.activity as Page[]).slice(-6);
  if (last.length) {
    env.print('\nActivity (last months)');
    env.print(env.table(['month', 'human_commits', 'bot_commits', 'changes_created', 'changes_merged'], last.map((r) => ({ ...r, month: day(r.month).slice(0, 7) }))));
  }
  const r = p.review;
  if (r) env.print(`\nReviews (12 months): ${r.reviewed}/${r.changes} changes reviewed, median ${r.median_hours_to_first_review ?? '—'} h to the first human review`);
  const b = p.bugs;
  if (b) env.print(`Bugs (${b.project}, 12 months): ${b.bugs_created} created, ${b.bugs_resolved} resolved, ${b.bugs_open} open, median ${b.median_days_to_resolve ?? '—'} days`);
  const t = p.tests ?? {};
  if (t.builds !== undefined) env.print(`CI (90 days): ${t.builds} builds, failure rate ${pct(t.failure_rate)}, failing now: ${(t.failing_jobs ?? []).join(', ') || 'none'}, mean time to fix ${t.mean_hours_to_fix ?? '—'} h`);
  for (const a of p.absence as Page[]) env.print(`Absence factor (${a.months} months): commits ${a.commit_absence_factor} of ${a.committers} people, +2 ${a.plus2_absence_factor} of ${a.reviewers}`);
  for (const s of p.stewards as Page[]) env.print(`Stewards: ${s.steward_team ?? '—'}; maintainers: ${[...(s.maintainers ?? []), ...(s.wiki_maintainer ? [s.wiki_maintainer] : [])].join(', ') || '—'}`);
  env.print(`\n${Object.entries(p.links).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n')}`);
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('steward')
    .description("an extension's or skin's steward page (lifecycle, compliance, activity, reviews, tests, stewards); without a repository, the fleet overview")
    .argument('[repo]', 'repository, e.g. mediawiki/extensions/Echo')
    .option('--attention', 'overview: only the repositories that need attention')
    .action(async (repo: string | undefined, o: { attention?: boolean }) => {
      const remote = await env.remote();
      if (repo) {
        const page: Page = remote
          ? await remote.get<Page>(`/api/steward/${repo.split('/').map(encodeURIComponent).join('/')}`)
          : await env.withStore(async ({ store, config }) => (await import('../../api/query/steward.ts')).stewardPage({ store, clock: env.io.clock, links: config.links }, repo), { create: false });
        return env.print(env.json ? toJson(page) : (printPage(env, page), ''));
      }
      const overview: Page = remote
        ? await remote.get<Page>(`/api/stewardship${o.attention ? '?attention=true' : ''}`)
        : await env.withStore(async ({ store, config }) => (await import('../../api/query/stewardship.ts')).stewardshipOverview({ store, clock: env.io.clock, links: config.links }, { attention: o.attention }), { create: false });
      if (env.json) return env.print(toJson(overview));
      env.print(`${overview.summary.repos} extensions and skins, ${overview.summary.needs_attention} need attention`);
      env.print(env.table(['repo', 'status', 'deployed', 'steward_team', 'compliance_required', 'compliance_safe', 'commit_absence_factor', 'jobs_failing_now', 'attention'],
        (overview.rows as Page[]).map((r) => ({ ...r, compliance_required: pct(r.compliance_required), compliance_safe: pct(r.compliance_safe), attention: (r.attention as string[]).join('; ') }))));
    });
}
