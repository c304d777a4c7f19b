// A named, versioned definition: metric (a figure with a unit) or report (a list).
// Each lives in src/metrics/<id>/ with its .sql; `shiplog report <id>` and
// GET /api/reports/<id> are generated from the registry. A figure says which
// definition (id@version) and which data watermark made it.
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
}

export interface MetricDefinition<P extends z.ZodTypeAny = typeof baseParams> {
  id: string; // stable snake_case, never changes
  version: number; // bumped when the meaning changes
  kind: 'metric' | 'report';
  title: string;
  description: string;
  unit?: string;
  params: P;
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
