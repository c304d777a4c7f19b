// The fleet overview: every extension and skin with its lifecycle, stewards, compliance
// score under each truth, review responsiveness, absence factor and failing CI jobs; a
// "needs attention" flag with its reasons; and the share of the fleet compliant at each
// month's start. Shared by GET /api/stewardship and `shiplog steward` (no repository).
import { checksAt, scores, TRUTH_LABEL, TRUTHS } from '../../model/stewardship/compliance.ts';
import type { MetricDefinition } from '../../metrics/define.ts';
import { absenceFactor } from '../../metrics/absence_factor/absence_factor.ts';
import { ciHealth } from '../../metrics/ci_health/ci_health.ts';
import { reviewResponsiveness } from '../../metrics/review_responsiveness/review_responsiveness.ts';
import { runMetric } from '../../metrics/run.ts';
import { complianceInput } from '../../metrics/steward_compliance/steward_compliance.ts';
import { stewardsReport } from '../../metrics/stewards/stewards.ts';
import type { StewardDeps } from './steward.ts';

const DAY = 86_400_000;

export interface OverviewFilter {
  status?: string;
  attention?: boolean;
  q?: string;
  limit?: number;
}

/** Why a repository needs a steward's attention (empty: it does not). */
export function attentionReasons(r: { deployed: boolean | null; commit_absence_factor: number | null; compliance_safe: number | null; compliance_required: number | null; disagree: boolean | null; jobs_failing_now: number | null; last_human_commit_at: Date | null; archived: boolean | null }, now: Date): string[] {
  const out: string[] = [];
  const lagging = (r.compliance_safe !== null && r.compliance_safe < 1) || (r.compliance_required !== null && r.compliance_required < 1);
  if (r.deployed && r.commit_absence_factor !== null && r.commit_absence_factor <= 1 && lagging) out.push('Wikimedia-deployed, absence factor ≤ 1, compliance lagging');
  if (r.deployed && !r.archived && r.last_human_commit_at && now.getTime() - r.last_human_commit_at.getTime() > 365 * DAY) out.push('Wikimedia-deployed, no human commit in 12 months');
  if (r.disagree) out.push('lifecycle sources disagree');
  if ((r.jobs_failing_now ?? 0) > 0 && !r.archived) out.push('CI failing now');
  return out;
}

export async function stewardshipOverview(deps: StewardDeps, filter: OverviewFilter = {}): Promise<Record<string, unknown>> {
  const { store } = deps;
  const now = deps.clock();
  const run = (def: MetricDefinition<any>, p: Record<string, unknown> = {}) => runMetric(def, { store, clock: deps.clock }, p);
  const [lifecycle, input, review, absence, ci, stewards] = await Promise.all([
    store.all<Record<string, unknown>>('SELECT * FROM repo_lifecycle'),
    complianceInput(store, null),
    run(reviewResponsiveness, { since: new Date(now.getTime() - 365 * DAY).toISOString() }),
    run(absenceFactor, { until: now.toISOString() }),
    run(ciHealth, { since: new Date(now.getTime() - 90 * DAY).toISOString() }),
    run(stewardsReport),
  ]);
  const by = <T extends Record<string, unknown>>(rows: T[], pick: (r: T) => boolean = () => true) => new Map(rows.filter(pick).map((r) => [String(r.repo), r]));
  const life = by(lifecycle);
  const rev = by(review.rows);
  const abs = by(absence.rows, (r) => r.months === 12);
  const health = by(ci.rows);
  const st = by(stewards.rows);
  const repos = [...new Set([...life.keys(), ...input.facts.keys()])].sort();
  const all = repos.map((repo) => {
    const l = life.get(repo) ?? {};
    const judgedAt = l.archived && l.archived_at ? (l.archived_at as Date) : now; // archived: as it was then
    const s = Object.fromEntries(scores(checksAt(input.facts.get(repo) ?? [], input.targets, judgedAt)).map((x) => [`compliance_${x.truth}`, x.score]));
    const row = {
      repo, kind: repo.includes('/skins/') ? 'skin' : 'extension', status: (l.status as string) ?? null, maturity: (l.maturity as string) ?? null,
      deployed: (l.deployed as boolean) ?? null, archived: (l.archived as boolean) ?? null, disagree: (l.disagree as boolean) ?? null,
      steward_team: (st.get(repo)?.steward_team as string) ?? null, maintainers: (st.get(repo)?.maintainers as string[]) ?? (st.get(repo)?.wiki_maintainer ? [st.get(repo)!.wiki_maintainer as string] : null),
      compliance_required: s.compliance_required ?? null, compliance_safe: s.compliance_safe ?? null, compliance_latest: s.compliance_latest ?? null,
      review_median_hours: (rev.get(repo)?.median_hours_to_first_review as number) ?? null,
      commit_absence_factor: (abs.get(repo)?.commit_absence_factor as number) ?? null, plus2_absence_factor: (abs.get(repo)?.plus2_absence_factor as number) ?? null,
      jobs_failing_now: (health.get(repo)?.jobs_failing_now as number) ?? null,
      last_human_commit_at: (l.last_human_commit_at as Date) ?? null,
    };
    const reasons = attentionReasons(row, now);
    return { ...row, needs_attention: reasons.length > 0, attention: reasons };
  });
  const q = filter.q?.toLowerCase();
  const rows = all.filter((r) => (!filter.status || r.status === filter.status) && (!filter.attention || r.needs_attention) && (!q || r.repo.toLowerCase().includes(q)));
  return {
    as_of: now,
    summary: {
      repos: all.length, needs_attention: all.filter((r) => r.needs_attention).length,
      by_status: Object.fromEntries([...new Set(all.map((r) => r.status ?? 'unknown'))].sort().map((s) => [s, all.filter((r) => (r.status ?? 'unknown') === s).length])),
    },
    rows: filter.limit ? rows.slice(0, filter.limit) : rows,
    compliance_over_time: fleetCompliance(input, now),
    truths: TRUTH_LABEL,
    metrics: [review, absence, ci, stewards].map((m) => ({ id: m.id, version: m.version })).concat([{ id: 'steward_compliance', version: 1 }]),
    watermark: review.watermark,
  };
}

/** At the start of each month of the last ten years: the share of repositories meeting every applicable target, per truth. */
export function fleetCompliance(input: Awaited<ReturnType<typeof complianceInput>>, now: Date): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const first = new Date(Date.UTC(now.getUTCFullYear() - 10, now.getUTCMonth(), 1));
  for (let m = first; m <= now; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const counts = Object.fromEntries(TRUTHS.map((t) => [t, { compliant: 0, assessed: 0 }]));
    for (const facts of input.facts.values()) {
      if (!facts.some((f) => f.since_at <= m)) continue; // the repository did not exist yet
      for (const s of scores(checksAt(facts, input.targets, m))) {
        if (s.applicable === 0) continue;
        counts[s.truth].assessed++;
        if (s.met === s.applicable) counts[s.truth].compliant++;
      }
    }
    for (const t of TRUTHS) {
      if (counts[t].assessed > 0) out.push({ month: m, truth: t, ...counts[t], share: Math.round((counts[t].compliant / counts[t].assessed) * 1000) / 1000 });
    }
  }
  return out;
}
