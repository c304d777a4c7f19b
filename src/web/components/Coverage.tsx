// The provenance line under a figure or table: the definition (id@version) that made it,
// the benchmark set when graded, and per table and source the stretch of event time the
// loaded data covers and when it was last collected; gaps for the asked period stand out.
import { href } from '../lib/route.ts';

export interface SourceCoverage { table: string; time: string; source: string; rows: number; oldest: string | null; newest: string | null; last_collected: string | null }
export interface CoverageInfo { since: string | null; until: string | null; sources: SourceCoverage[]; gaps: string[] }

const day = (v: string | null) => (v ? v.slice(0, 10) : '—');

/** "changes: gerrit-notedb 2013-01-02 to 2019-05-03 (collected 2026-12-07)". */
export function coverageText(c: CoverageInfo): string {
  return c.sources.map((s) => `${s.table}: ${s.source} ${day(s.oldest)} to ${day(s.newest)}${s.last_collected ? ` (collected ${day(s.last_collected)})` : ''}`).join(' · ');
}

export function Coverage({ coverage, metric, benchmark, testid = 'coverage' }: { coverage?: CoverageInfo; metric?: string; benchmark?: string; testid?: string }) {
  if (!coverage && !metric) return null;
  const id = metric?.split('@')[0];
  return (
    <p class="coverage muted" data-testid={testid}>
      {metric && <><a href={href('reports', { id })}>{metric}</a>{benchmark ? `, graded against ${benchmark}` : ''}{coverage?.sources.length ? '; ' : ''}</>}
      {coverage && (coverage.sources.length ? <>data {coverageText(coverage)}</> : <>no data loaded for its tables</>)}
      {coverage?.gaps.map((g) => <span class="gap" key={g} data-testid="coverage-gap">{' '}⚠ not covered: {g}</span>)}
    </p>
  );
}
