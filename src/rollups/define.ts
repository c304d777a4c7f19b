// What a rollup is: a table derived from entity tables, rebuilt after the tables it reads
// changed, and trusted by readers only while its watermark matches.
import type { TableName } from '../model/catalogue/index.ts';
import type { Store } from '../store/index.ts';

export interface RollupContext {
  store: Store;
  clock: () => Date;
}

/** What the CI reports read: results, builds (Jenkins, Zuul reports in Gerrit), changes and patch sets. */
export const CI_TABLES = ['test_results', 'ci_builds', 'changes', 'patchsets'] as const satisfies readonly TableName[];

/** Whether a time bound falls on a UTC midnight (or is absent): a daily rollup holds whole days only. */
export function onDayBoundary(d: Date | undefined): boolean {
  return d === undefined || d.getTime() % 86_400_000 === 0;
}

export interface Rollup {
  /** Also the name of its rollup_state row; the table is `rollup_<name>`. */
  name: string;
  /** Tables it reads: a change to any of them (table_versions) makes it stale until rebuilt. */
  reads: readonly TableName[];
  /** Rebuilds the table (inside a transaction); returns the "as of" it used, for time-relative rollups. */
  refresh(ctx: RollupContext): Promise<{ asOf?: Date }>;
  /** For time-relative rollups: the "as of" a fresh build would use now. */
  asOf?(ctx: RollupContext): Promise<Date>;
}
