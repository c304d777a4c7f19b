// A named, versioned definition: metric (a figure with a unit) or report (a list).
// Each lives in src/metrics/<id>/ with its .sql; `shiplog report <id>` and
// GET /api/reports/<id> are generated from the registry. A figure says which
// definition (id@version) made it and which data it covers (coverage/coverage.ts).
import { z } from 'zod';
import { utcTime } from '../model/time-schema.ts';
import type { Store } from '../store/index.ts';

/** Parameters every report accepts; a definition may extend this object. */
export const baseParams = z.object({
  since: utcTime.optional(),
  until: utcTime.optional(),
  limit: z.coerce.number().int().positive().max(100_000).optional(),
});

export interface MetricContext {
  store: Store;
  clock: () => Date;
}

export interface MetricResult {
  columns?: string[];
  rows: Record<string, unknown>[];
  /** Free-form notes shown with the result (exclusions, which variant, …). */
  notes?: string[];
  /** The period the figures are about, when the definition chose it (else since / until as asked). */
  period?: { since: Date | null; until: Date | null };
  /** The benchmark set a graded figure was graded against, e.g. dora-2024@1. */
  benchmark?: string;
}

export interface MetricDefinition<P extends z.ZodTypeAny = typeof baseParams> {
  id: string; // stable snake_case, never changes
  version: number; // bumped when the meaning changes
  kind: 'metric' | 'report';
  title: string;
  description: string;
  unit?: string;
  params: P;
  /**
   * The tables its figures are computed from, for their data coverage. Without it, the
   * tables its SQL reads (after FROM / JOIN, views expanded) are taken.
   */
  reads?: readonly string[];
  run(ctx: MetricContext, params: z.infer<P>): Promise<MetricResult>;
}

export function defineMetric<P extends z.ZodTypeAny>(d: MetricDefinition<P>): MetricDefinition<P> {
  if (!/^[a-z][a-z0-9_]*$/.test(d.id)) throw new Error(`metric id must be snake_case: ${d.id}`);
  return d;
}

/** The data watermark: the newest successful sync time over all sources. */
export async function watermark(store: Store): Promise<Date | null> {
  const [r] = await store.all<{ w: Date | null }>('SELECT max(last_success_at) AS w FROM sync_state');
  return r?.w ?? null;
}
