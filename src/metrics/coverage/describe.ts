// Coverage as lines of text, for the CLI and notes: one line per table and source with the
// stretch of event time loaded and when it was last collected; then the gaps.
import type { Coverage } from './coverage.ts';

const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '—');

export function coverageLines(c: Coverage): string[] {
  const lines = c.sources.map((s) =>
    `${s.table} (${s.time}) from ${s.source}: ${day(s.oldest)} to ${day(s.newest)}, ${s.rows} rows, last collected ${s.last_collected ? day(s.last_collected) : 'never (derived or imported before tracking)'}`);
  return [...lines, ...c.gaps.map((g) => `not covered: ${g}`)];
}

/** The one-line stamp: which definition, and over which period. */
export function stampLine(metric: string, c: Coverage, benchmark?: string): string {
  const period = c.since || c.until ? `; period ${c.since ? day(c.since) : '…'} to ${c.until ? day(c.until) : '…'}` : '';
  return `${metric}${benchmark ? `; graded against ${benchmark}` : ''}${period}`;
}
