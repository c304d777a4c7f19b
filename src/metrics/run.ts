// Runs a definition with validated parameters and stamps the result with its provenance:
// the definition as id@version, the benchmark set when graded, and the data coverage of
// every table its figures read (per source: oldest and newest event loaded, last
// collection), with a line for each table whose data does not cover the asked period.
import { ShiplogError } from '../lib/errors.ts';
import type { Store } from '../store/index.ts';
import { coverageOf, tablesIn, viewsOf, type Coverage } from './coverage/coverage.ts';
import { watermark, type MetricContext, type MetricDefinition, type MetricResult } from './define.ts';

export interface StampedResult extends MetricResult {
  id: string;
  version: number;
  /** id@version: the definition that made these figures. */
  metric: string;
  /** The newest successful sync over all sources (kept for old clients; coverage says more). */
  watermark: Date | null;
  coverage: Coverage;
}

/** A store that remembers the SQL texts run through it (to learn which tables a definition read). */
export function recordingStore(store: Store, texts: string[]): Store {
  return new Proxy(store, {
    get(target, key) {
      const v = Reflect.get(target, key, target);
      if (key === 'all' || key === 'query' || key === 'run') {
        return (sql: string, params?: unknown[]) => {
          texts.push(sql);
          return (v as (s: string, p?: unknown[]) => unknown).call(target, sql, params);
        };
      }
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const asDate = (v: unknown): Date | null => (v instanceof Date ? v : typeof v === 'string' && v ? new Date(v) : null);

export async function runMetric(def: MetricDefinition<any>, ctx: MetricContext, raw: Record<string, unknown>): Promise<StampedResult> {
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = def.params.safeParse(clean);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ShiplogError('bad_request', `report ${def.id}: ${i.path.join('.') || 'params'}: ${i.message}`);
  }
  const texts: string[] = [];
  const result = await def.run({ ...ctx, store: recordingStore(ctx.store, texts) }, parsed.data);
  const tables = def.reads ?? tablesIn(texts, await viewsOf(ctx.store));
  const p = parsed.data as { since?: unknown; until?: unknown };
  const since = result.period ? result.period.since : asDate(p.since);
  const until = result.period ? result.period.until : asDate(p.until);
  const coverage = await coverageOf(ctx.store, tables, since, until);
  return { id: def.id, version: def.version, metric: `${def.id}@${def.version}`, watermark: await watermark(ctx.store), ...result, coverage };
}
