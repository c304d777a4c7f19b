// The per-source run summary: new / updated / unchanged rows per table, raw records
// stored, rejects, links, errors and duration. Printed by the CLI, returned by the API.
import type { ErrorCode } from '../lib/errors.ts';
import type { UpsertCounts } from '../store/index.ts';

export interface SourceSummary {
  source: string;
  seen: number; // raw items collected this run
  raw: number; // of which new raw records
  tables: Record<string, UpsertCounts>;
  rejected: number;
  links: number;
  errors: string[];
  /** The error code of each entry of `errors` (the CLI exits with the first one's code). */
  errorCodes: ErrorCode[];
  durationMs: number;
  /** What the run decided or found that the reader should know (an inferred name, unjoined changes). */
  notes?: string[];
}

export function emptySummary(source: string): SourceSummary {
  return { source, seen: 0, raw: 0, tables: {}, rejected: 0, links: 0, errors: [], errorCodes: [], durationMs: 0 };
}

export function addCounts(s: SourceSummary, table: string, c: UpsertCounts): void {
  const t = (s.tables[table] ??= { new: 0, updated: 0, unchanged: 0 });
  t.new += c.new;
  t.updated += c.updated;
  t.unchanged += c.unchanged;
}

export function totals(s: SourceSummary): UpsertCounts {
  const out = { new: 0, updated: 0, unchanged: 0 };
  for (const c of Object.values(s.tables)) {
    out.new += c.new;
    out.updated += c.updated;
    out.unchanged += c.unchanged;
  }
  return out;
}

/** Human lines: one per source, then one per table that changed. */
export function formatSummary(summaries: SourceSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const t = totals(s);
    lines.push(
      `${s.source}: ${s.seen} items (${s.raw} new raw), rows ${t.new} new / ${t.updated} updated / ${t.unchanged} unchanged, ` +
        `${s.rejected} rejected, ${(s.durationMs / 1000).toFixed(1)} s`,
    );
    for (const [table, c] of Object.entries(s.tables)) {
      if (table === 'links' || c.new + c.updated === 0) continue;
      lines.push(`  ${table}: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`);
    }
    for (const n of s.notes ?? []) lines.push(`  note: ${n}`);
    for (const e of s.errors) lines.push(`  error: ${e}`);
  }
  return lines.join('\n');
}

/** One summary per source (a demo or multi-path import runs a source several times). */
export function mergeSummaries(list: SourceSummary[]): SourceSummary[] {
  const by = new Map<string, SourceSummary>();
  for (const s of list) {
    const m = by.get(s.source) ?? emptySummary(s.source);
    m.seen += s.seen;
    m.raw += s.raw;
    m.rejected += s.rejected;
    m.links = Math.max(m.links, s.links);
    m.errors.push(...s.errors);
    m.errorCodes.push(...(s.errorCodes ?? []));
    m.durationMs += s.durationMs;
    if (s.notes?.length) (m.notes ??= []).push(...s.notes);
    for (const [t, c] of Object.entries(s.tables)) addCounts(m, t, c);
    by.set(s.source, m);
  }
  return [...by.values()];
}
