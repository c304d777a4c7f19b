// Runs a definition with validated parameters and stamps the result with its
// definition id@version and the data watermark.
import { ShiplogError } from '../lib/errors.ts';
import { watermark, type MetricContext, type MetricDefinition, type MetricResult } from './define.ts';

export interface StampedResult extends MetricResult {
  id: string;
  version: number;
  watermark: Date | null;
}

export async function runMetric(def: MetricDefinition<any>, ctx: MetricContext, raw: Record<string, unknown>): Promise<StampedResult> {
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = def.params.safeParse(clean);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ShiplogError('bad_request', `report ${def.id}: ${i.path.join('.') || 'params'}: ${i.message}`);
  }
  const result = await def.run(ctx, parsed.data);
  return { id: def.id, version: def.version, watermark: await watermark(ctx.store), ...result };
}
