// Answers an Explorer request over test_results from rollup_test_results_daily when the
// rollup can give the same numbers: grouping and filters only on its dimensions, the default
// time column, buckets of a day or more, day-aligned since/until, and a count or duration
// measure. Anything else, or a stale rollup, reads the base table.
import { onDayBoundary } from '../../rollups/define.ts';
import { rollupIsFresh } from '../../rollups/state.ts';
import { TEST_RESULTS_DAILY_DIMENSIONS, testResultsDailyRollup } from '../../rollups/test_results_daily.ts';
import type { Store } from '../../store/index.ts';
import type { TableInfo } from './catalog.ts';
import type { ExploreRequest } from './explore.ts';

/** The rollup's measure for each base measure it can answer. */
const MEASURES: Record<string, string> = {
  count: 'sum(n)::BIGINT',
  'sum:duration_ms': 'sum(duration_sum)',
  'avg:duration_ms': 'sum(duration_sum) / nullif(sum(n_duration), 0)',
  'min:duration_ms': 'min(duration_min)',
  'max:duration_ms': 'max(duration_max)',
};

const ROLLUP_INFO: TableInfo = {
  table: 'rollup_test_results_daily',
  keys: [],
  columns: [{ name: 'run_at', type: 'TIMESTAMP' }, ...TEST_RESULTS_DAILY_DIMENSIONS.map((name) => ({ name, type: 'VARCHAR' }))],
  time: 'run_at',
};

/** Whether the request's answer follows from per-day counts of the dimensions (freshness aside). */
export function rollupCanAnswer(info: TableInfo, req: ExploreRequest): boolean {
  const dims = TEST_RESULTS_DAILY_DIMENSIONS as readonly string[];
  return info.table === 'test_results'
    && (req.time === undefined || req.time === 'run_at')
    && req.bucket !== 'hour'
    && onDayBoundary(req.since) && onDayBoundary(req.until)
    && req.group.every((g) => dims.includes(g))
    && Object.keys(req.filters).every((f) => dims.includes(f))
    && req.measure in MEASURES;
}

/** The table and measure to explore instead of `info`, or null to read the base table. */
export async function exploreSource(store: Store, info: TableInfo, req: ExploreRequest): Promise<{ info: TableInfo; measure: string } | null> {
  if (!rollupCanAnswer(info, req) || !(await rollupIsFresh(store, testResultsDailyRollup))) return null;
  return { info: ROLLUP_INFO, measure: MEASURES[req.measure] };
}
