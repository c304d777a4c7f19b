// Standards compliance of extensions and skins: the score now under each truth (share of
// the targets in force that the repository meets) and, per target bump, the days until it
// met it. The evaluation is src/model/stewardship/compliance.ts. Definition:
// docs/metrics/steward_compliance.md.
import { loadSql } from '../../lib/sql.ts';
import type { Store } from '../../store/index.ts';
import { bumps, checksAt, COMPLIANCE_VERSION, type FactPeriod, latestTargets, scores, type TargetPeriod, timeline, TRUTH_LABEL } from '../../model/stewardship/compliance.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

export interface ComplianceInput {
  facts: Map<string, FactPeriod[]>; // repo → its standards facts
  targets: TargetPeriod[]; // required, safe and latest
}

/** Facts of one repository (or all) and every target, the latest truth built from what is known. */
export async function complianceInput(store: Store, repo: string | null): Promise<ComplianceInput> {
  const [factRows, targetRows] = await Promise.all([
    store.all<FactPeriod & { repo: string }>(loadSql(import.meta.url, 'facts.sql'), [repo]),
    store.all<TargetPeriod>(loadSql(import.meta.url, 'targets.sql')),
  ]);
  const facts = new Map<string, FactPeriod[]>();
  for (const r of factRows) (facts.get(r.repo) ?? facts.set(r.repo, []).get(r.repo)!).push(r);
  const declared = targetRows.filter((t) => t.truth === 'declared').map((t) => ({ fact: t.fact, value: t.target!, since_at: t.since_at }));
  const real = targetRows.filter((t) => t.truth !== 'declared' && t.truth !== 'latest');
  const given = targetRows.filter((t) => t.truth === 'latest');
  return { facts, targets: [...real, ...latestTargets([...real, ...given], declared)] };
}

export const stewardCompliance = defineMetric({
  id: 'steward_compliance',
  version: COMPLIANCE_VERSION,
  kind: 'metric',
  title: 'Standards compliance',
  description: 'Per extension or skin and truth (required = standards.yaml, safe = ≥ LibUp target, latest = the newest known version): targets met now of those that apply, score, target bumps and median days out of compliance after a bump',
  unit: 'share, days',
  params: stewardParams,
  async run(ctx, p) {
    const now = p.until ?? ctx.clock();
    const input = await complianceInput(ctx.store, p.repo ?? null);
    const rows: Record<string, unknown>[] = [];
    for (const [repo, facts] of [...input.facts].sort(([a], [b]) => a.localeCompare(b))) {
      const s = scores(checksAt(facts, input.targets, now));
      const b = bumps(facts, input.targets, now).filter((x) => !p.since || x.since_at >= p.since);
      for (const sc of s) {
        const mine = b.filter((x) => x.truth === sc.truth).map((x) => x.days_out).sort((x, y) => x - y);
        rows.push({
          repo, truth: sc.truth, met: sc.met, applicable: sc.applicable, score: sc.score, bumps: mine.length,
          median_days_out: mine.length ? mine[Math.floor((mine.length - 1) / 2)] : null,
          open_bumps: b.filter((x) => x.truth === sc.truth && x.met_at === null).length,
        });
      }
    }
    void timeline;
    return {
      columns: ['repo', 'truth', 'met', 'applicable', 'score', 'bumps', 'median_days_out', 'open_bumps'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: [`as of ${now.toISOString()}`, ...Object.entries(TRUTH_LABEL).map(([k, v]) => `${k}: ${v}`)],
    };
  },
});
