// After an import, sync or renormalize: runs the derive steps whose input tables changed
// (src/derive) and records, per source, the raw records derive has now seen (derive_state:
// the watermark the rollups compare against).
import { STEPS } from '../derive/registry.ts';
import { runDerive, type StepRun } from '../derive/run.ts';
import { bumpTables } from '../derive/versions.ts';
import type { Store } from '../store/index.ts';
import { rejectRows } from './raw.ts';
import { addCounts, type SourceSummary } from './summary.ts';

export async function deriveNow(store: Store, clock: () => Date, summaries: SourceSummary[] = []): Promise<StepRun[]> {
  const now = clock();
  const ran = await runDerive(store, STEPS, {
    now,
    saveRejects: async (tx, step, rejects) => {
      const counts = await tx.upsert('rejects', rejectRows(step, 'derive', rejects, now));
      const summary = summaries[0];
      if (summary) summary.rejected += counts.new;
    },
  });
  for (const r of ran) for (const [table, counts] of Object.entries(r.tables)) if (summaries[0] && table !== 'links') addCounts(summaries[0], table, counts);
  const linked = ran.filter((r) => r.step.startsWith('link:')).reduce((n, r) => n + r.changed, 0);
  if (summaries[0]) summaries[0].links += linked;
  const sources = [...new Set(summaries.map((s) => s.source))];
  if (sources.length > 0) {
    await store.transaction(async (tx) => {
      for (const source of sources) {
        const [{ seq }] = await tx.all<{ seq: number | null }>('SELECT max(seq) AS seq FROM raw_records WHERE source = $1', [source]);
        await tx.upsert('derive_state', [{ source, raw_seq: seq ?? 0, derived_at: now }]);
      }
    });
  }
  return ran;
}

/** After rows written outside the pipeline (tests, a repair): marks the tables changed and derives. */
export async function deriveAfterWrites(store: Store, clock: () => Date, tables: string[]): Promise<StepRun[]> {
  await store.transaction((tx) => bumpTables(tx, tables, clock()));
  return deriveNow(store, clock);
}
