// `schedule:` in shiplog.yaml, one entry per source: how often `shiplog serve --sync`
// collects it (interval, jitter, retry after a failure) and its freshness objective
// (warn_after, error_after), which `shiplog status`, /metrics and /api/freshness report
// whether or not the server runs the schedule. Durations stay as written in the config;
// resolveSchedule turns them into milliseconds with the defaults filled in.
import { z } from 'zod';
import { ShiplogError } from '../lib/errors.ts';
import type { Source } from '../sources/types.ts';
import { DURATION, parseDuration } from '../lib/duration.ts';

const duration = z.union([z.number().nonnegative(), z.string().regex(DURATION, 'a duration such as 90s, 15m, 1h or 2d')]);

export const scheduleEntrySchema = z
  .object({
    /** false: `serve --sync` leaves this source alone (its freshness is still reported). */
    enabled: z.boolean().default(true),
    interval: duration.default('1h'),
    /** A random delay up to this is added to every interval, so sources do not run in step. */
    jitter: duration.optional(),
    /** First wait after a failed sync; doubles with each failure in a row, up to the interval. */
    retry: duration.default('1m'),
    /** Age of the last successful sync (its stalest scope) at which status says warn. */
    warn_after: duration.optional(),
    /** … and error. */
    error_after: duration.optional(),
  })
  .strict();

export type ScheduleEntryConfig = z.infer<typeof scheduleEntrySchema>;

/** `schedule:` keyed by source name; only known sources. */
export function scheduleSchema(sources: Source<unknown>[]) {
  return z.object(Object.fromEntries(sources.map((s) => [s.name, scheduleEntrySchema.optional()]))).strict().default({});
}

export interface SourcePlan {
  source: string;
  enabled: boolean;
  intervalMs: number;
  jitterMs: number;
  retryMs: number;
  warnAfterMs: number;
  errorAfterMs: number;
}

const MIN_INTERVAL_MS = 1000;

/** One source's plan with the defaults: jitter min(interval/10, 5m), warn 2×, error 6× the interval. */
export function planOf(source: string, entry: Partial<ScheduleEntryConfig> | undefined): SourcePlan {
  const ms = (key: keyof ScheduleEntryConfig, fallback: number): number => {
    const v = entry?.[key];
    if (v === undefined || typeof v === 'boolean') return fallback;
    const parsed = parseDuration(v);
    if (parsed === null) throw new ShiplogError('config_invalid', `schedule.${source}.${key}: ${JSON.stringify(v)} is not a duration (90s, 15m, 1h, 2d)`);
    return parsed;
  };
  const intervalMs = ms('interval', 3_600_000);
  if (intervalMs < MIN_INTERVAL_MS) throw new ShiplogError('config_invalid', `schedule.${source}.interval: must be at least 1s`);
  const warnAfterMs = ms('warn_after', 2 * intervalMs);
  const errorAfterMs = ms('error_after', 6 * intervalMs);
  if (errorAfterMs < warnAfterMs) {
    throw new ShiplogError('config_invalid', `schedule.${source}.error_after: must not be shorter than warn_after`);
  }
  return {
    source, enabled: entry?.enabled ?? true, intervalMs,
    jitterMs: ms('jitter', Math.min(intervalMs / 10, 300_000)), retryMs: ms('retry', 60_000), warnAfterMs, errorAfterMs,
  };
}

/**
 * The plan for every source that has something to sync: a `sources.<name>` section whose
 * scopes are not empty. `schedule.<name>` without such a section is a config error.
 */
export function resolveSchedule(
  sources: Source<unknown>[],
  config: { sources?: Record<string, unknown>; schedule?: Record<string, Partial<ScheduleEntryConfig> | undefined> },
): { plan: SourcePlan; scopes: string[] }[] {
  const out: { plan: SourcePlan; scopes: string[] }[] = [];
  for (const name of Object.keys(config.schedule ?? {})) {
    if (config.schedule?.[name] && (config.sources ?? {})[name] === undefined) {
      throw new ShiplogError('config_invalid', `schedule.${name}: there is no sources.${name} section to sync`);
    }
  }
  for (const source of sources) {
    const sourceConfig = (config.sources ?? {})[source.name];
    if (sourceConfig === undefined) continue;
    const scopes = source.scopes({ config: sourceConfig, paths: [], options: {} });
    if (scopes.length === 0) continue;
    out.push({ plan: planOf(source.name, config.schedule?.[source.name]), scopes });
  }
  return out;
}
