// Every rollup, one line each.
import type { Rollup } from './define.ts';
import { testHealthRollup } from './test_health.ts';
import { testResultsDailyRollup } from './test_results_daily.ts';
import { testsBrokenDailyRollup } from './tests_broken_daily.ts';

export const ROLLUPS: readonly Rollup[] = [testResultsDailyRollup, testHealthRollup, testsBrokenDailyRollup];
