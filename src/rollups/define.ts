// What a rollup is: a table derived from entity tables, rebuilt after the sources it reads
// got new data, and trusted by readers only while its watermark matches.
import type { Store } from '../store/index.ts';

export interface RollupContext {
  store: Store;
  clock: () => Date;
}

/** Sources that write test_results. */
export const TEST_RESULT_SOURCES = ['junit', 'jenkins'] as const;

/** Sources that write what CI reports read: test_results, ci_builds (Jenkins, Zuul reports in Gerrit), changes and patch sets. */
export const CI_SOURCES = ['junit', 'jenkins', 'gerrit', 'gerrit-notedb'] as const;

/** Whether a time bound falls on a UTC midnight (or is absent): a daily rollup holds whole days only. */
export function onDayBoundary(d: Date | undefined): boolean {
  return d === undefined || d.getTime() % 86_400_000 === 0;
}

export interface Rollup {
  /** Also the name of its rollup_state row; the table is `rollup_<name>`. */
  name: string;
  /** Sources whose data it reads: new data of any of them makes it stale until rebuilt. */
  dependsOn: readonly string[];
  /** Rebuilds the table (inside a transaction); returns the "as of" it used, for time-relative rollups. */
  refresh(ctx: RollupContext): Promise<{ asOf?: Date }>;
  /** For time-relative rollups: the "as of" a fresh build would use now. */
  asOf?(ctx: RollupContext): Promise<Date>;
}
