// What a rollup is: a table derived from entity tables, rebuilt after the sources it reads
// got new data, and trusted by readers only while its watermark matches.
import type { Store } from '../store/index.ts';

export interface RollupContext {
  store: Store;
  clock: () => Date;
}

export interface Rollup {
  /** Also the name of its rollup_state row; the table is `rollup_<name>`. */
  name: string;
  /** Sources whose data it reads: a derive of any of them rebuilds it. */
  dependsOn: readonly string[];
  /** Rebuilds the table (inside a transaction); returns the "as of" it used, for time-relative rollups. */
  refresh(ctx: RollupContext): Promise<{ asOf?: Date }>;
  /** For time-relative rollups: the "as of" a fresh build would use now. */
  asOf?(ctx: RollupContext): Promise<Date>;
}
