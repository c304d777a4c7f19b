// The steward page of one extension or skin, in one answer: lifecycle (the reconciled
// status and every signal with its source and dates), the standards facts in force,
// compliance (score now, timeline, days out per target bump), activity and merge pace per
// month, review responsiveness, bugs and open tasks, CI health, absence factor, stewards,
// and links out. Shared by GET /api/steward/<repo> and `shiplog steward <repo>`.
import { ShiplogError } from '../../lib/errors.ts';
import { loadSql } from '../../lib/sql.ts';
import { bumps, checksAt, scores, timeline, TRUTH_LABEL } from '../../model/stewardship/compliance.ts';
import { SIGNAL_SOURCE } from '../../model/stewardship/lifecycle.ts';
import type { MetricDefinition } from '../../metrics/define.ts';
import { absenceFactor } from '../../metrics/absence_factor/absence_factor.ts';
import { bugResolution } from '../../metrics/bug_resolution/bug_resolution.ts';
import { ciHealth } from '../../metrics/ci_health/ci_health.ts';
import { mergePace } from '../../metrics/merge_pace/merge_pace.ts';
import { reviewResponsiveness } from '../../metrics/review_responsiveness/review_responsiveness.ts';
import { runMetric } from '../../metrics/run.ts';
import { stewardActivity } from '../../metrics/steward_activity/steward_activity.ts';
import { complianceInput, stewardCompliance } from '../../metrics/steward_compliance/steward_compliance.ts';
import { stewardsReport } from '../../metrics/stewards/stewards.ts';
import type { Store } from '../../store/index.ts';

const YEAR = 365 * 86_400_000;
const SOURCE_OF_PREFIX: [string, string][] = [['ci.', 'CI (zuul/layout.yaml)'], ['wiki.', 'mediawiki.org'], ['gerrit.', 'Gerrit project state'], ['wmf.', 'wmf-config/extension-list'], ['activity.', 'repository history']];

export function sourceOfFact(fact: string): string {
  return SIGNAL_SOURCE[fact] ?? SOURCE_OF_PREFIX.find(([p]) => fact.startsWith(p))?.[1] ?? 'repository history';
}

/** The lifecycle dates a steward needs, one line each, from every source. */
function keyDates(signals: { fact: string; value: string | null; since_at: Date; until_at: Date | null }[]) {
  const first = (fact: string, value: string) => signals.find((s) => s.fact === fact && s.value === value && s.until_at === null)?.since_at ?? null;
  const cur = (fact: string) => signals.find((s) => s.fact === fact && s.until_at === null);
  return [
    { what: 'last human commit', source: 'repository history', at: cur('activity.last_human_commit')?.since_at ?? null, value: cur('activity.last_human_commit')?.value ?? null },
    { what: 'last bot-only commit', source: 'repository history', at: cur('activity.last_bot_commit')?.since_at ?? null, value: cur('activity.last_bot_commit')?.value ?? null },
    { what: 'archived in CI', source: SIGNAL_SOURCE['ci.archived'], at: first('ci.archived', 'true'), value: cur('ci.templates')?.value ?? null },
    { what: 'extension-broken in CI', source: SIGNAL_SOURCE['ci.broken'], at: first('ci.broken', 'true'), value: null },
    { what: '{{Archived extension}} on mediawiki.org', source: SIGNAL_SOURCE['wiki.archived'], at: first('wiki.archived', 'true'), value: null },
    { what: `{{Extension}} status ${cur('wiki.status')?.value ?? ''}`.trim(), source: SIGNAL_SOURCE['wiki.status'], at: cur('wiki.status')?.since_at ?? null, value: cur('wiki.status')?.value ?? null },
    { what: `Gerrit project ${cur('gerrit.state')?.value ?? ''}`.trim(), source: SIGNAL_SOURCE['gerrit.state'], at: cur('gerrit.state')?.since_at ?? null, value: cur('gerrit.state')?.value ?? null },
    { what: cur('wmf.deployed')?.value === 'false' ? 'removed from wmf-config/extension-list' : 'in wmf-config/extension-list', source: SIGNAL_SOURCE['wmf.deployed'], at: cur('wmf.deployed')?.since_at ?? null, value: cur('wmf.deployed')?.value ?? null },
  ].filter((d) => d.at !== null).sort((a, b) => a.at!.getTime() - b.at!.getTime());
}

export interface StewardDeps {
  store: Store;
  clock: () => Date;
  /** Base URLs of the config's links: section (gerrit, gitiles, phabricator, mediawiki). */
  links?: Partial<Record<'gerrit' | 'gitiles' | 'phabricator' | 'mediawiki', string>>;
}

export async function stewardPage(deps: StewardDeps, repo: string): Promise<Record<string, unknown>> {
  const { store } = deps;
  const now = deps.clock();
  const [repoRow] = await store.all<Record<string, unknown>>('SELECT * FROM repos WHERE name = $1', [repo]);
  const [lifecycle] = await store.all<Record<string, unknown>>('SELECT * FROM repo_lifecycle WHERE repo = $1', [repo]);
  const signals = await store.all<{ fact: string; value: string | null; since_at: Date; until_at: Date | null; since_commit: string | null }>(loadSql(import.meta.url, 'steward-signals.sql'), [repo]);
  const input = await complianceInput(store, repo);
  const facts = input.facts.get(repo) ?? [];
  if (!repoRow && !lifecycle && signals.length === 0 && facts.length === 0) {
    throw new ShiplogError('not_found', `no extension or skin ${repo}: import it with shiplog import extensions (or ci-config, wiki-pages, extension-list)`);
  }
  const run = (def: MetricDefinition<any>, p: Record<string, unknown> = {}) => runMetric(def, { store, clock: deps.clock }, { repo, ...p });
  const yearAgo = new Date(now.getTime() - YEAR).toISOString();
  const [activity, pace, review, bugs, ci, absence, stewards] = await Promise.all([
    run(stewardActivity), run(mergePace), run(reviewResponsiveness, { since: yearAgo }), run(bugResolution, { since: yearAgo }),
    run(ciHealth, { since: new Date(now.getTime() - 90 * 86_400_000).toISOString() }), run(absenceFactor, { until: now.toISOString() }), run(stewardsReport),
  ]);
  const project = (bugs.rows[0]?.project as string | undefined) ?? null;
  const tasks = project ? await store.all(loadSql(import.meta.url, 'steward-tasks.sql'), [project]) : [];
  // an archived repository is judged as it was when archived: later targets were never its to meet
  const judgedAt = lifecycle?.archived && lifecycle.archived_at ? (lifecycle.archived_at as Date) : now;
  const checks = checksAt(facts, input.targets, judgedAt);
  const current = facts.filter((f) => f.until_at === null);
  const base = deps.links ?? {};
  const failing = (ci.rows[0]?.failing_jobs as string[] | null) ?? [];
  // every job's newest build, the jobs failing now first: a link to the CI jobs even when none fails
  const builds = (await store.all<{ job: string; url: string | null }>(loadSql(import.meta.url, 'steward-builds.sql'), [repo]))
    .map((b) => ({ job: b.job, url: b.url, failing: failing.includes(b.job) }))
    .sort((a, b) => Number(b.failing) - Number(a.failing)).slice(0, 20);
  return {
    repo, kind: repoRow?.kind ?? (repo.includes('/skins/') ? 'skin' : 'extension'),
    lifecycle: lifecycle ?? null,
    dates: keyDates(signals),
    signals: signals.map((s) => ({ ...s, source: sourceOfFact(s.fact) })),
    facts: current.map((f) => ({ fact: f.fact, value: f.value, since_at: f.since_at })),
    compliance: {
      as_of: judgedAt, truths: TRUTH_LABEL, scores: scores(checks),
      checks: checks.filter((c) => c.met !== null),
      timeline: timeline(facts, input.targets, judgedAt, new Date(judgedAt.getTime() - 10 * YEAR)),
      bumps: bumps(facts, input.targets, judgedAt).reverse(),
      metric: { id: stewardCompliance.id, version: stewardCompliance.version },
    },
    activity: activity.rows, merge_pace: pace.rows, review: review.rows[0] ?? null, bugs: bugs.rows[0] ?? null, tasks,
    tests: { ...(ci.rows[0] ?? {}), latest_builds: builds }, absence: absence.rows, stewards: stewards.rows,
    links: {
      gerrit: base.gerrit ? `${base.gerrit}/q/project:${encodeURIComponent(repo)}` : null,
      gitiles: base.gitiles ? `${base.gitiles}/${repo}` : null,
      phabricator: base.phabricator && project ? `${base.phabricator}/tag/${encodeURIComponent(project.toLowerCase().replace(/ /g, '_'))}/` : null,
      ci: base.gitiles ? `${base.gitiles}/integration/config/+/refs/heads/master/zuul/layout.yaml` : null,
      mediawiki: base.mediawiki ? `${base.mediawiki}/${repo.includes('/skins/') ? 'Skin' : 'Extension'}:${encodeURIComponent(repo.split('/').pop()!)}` : null,
    },
    metrics: [activity, pace, review, bugs, ci, absence, stewards].map((m) => ({ id: m.id, version: m.version })),
    watermark: activity.watermark,
  };
}
