// A derive step: the cross-record work after normalize (pairing SAL entries, windows,
// config deploy ↔ change, trains, link rules, stewardship periods…), declared by the
// tables it reads and the tables it writes. The derive layer (src/derive) runs a step
// when a table it reads changed since it last ran, in dependency order, until nothing
// changes, so the answer does not depend on which source was imported first.
// Types only: sources declare steps without importing the store or the derive layer.
import type { TableName } from './catalogue/index.ts';

/** A table a step reads: a catalogue table, or `raw:<source>` for the raw records of one source. */
export type StepInput = TableName | `raw:${string}`;

export interface StepContext {
  /** Rows of a query, inside the step's transaction. */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A statement; answers the rows it changed. Counted as changes of every table the step
   * writes: `changes` when the step knows how many rows it changes (an engine that cannot
   * count a statement's rows answers 0, which would leave the tables' versions unmoved),
   * else the engine's answer.
   */
  run(sql: string, params?: unknown[], changes?: number): Promise<number>;
  /** Writes rows by the table's catalogue mode; the table must be one of the step's writes. */
  write(table: TableName, rows: Record<string, unknown>[]): Promise<void>;
  /**
   * Replaces stored rows of an upsert table the step writes, whole, by the rows a query
   * answers (every column, by name; keys already stored), inside the engine; answers how many. For recomputed rows in
   * bulk, where a round trip through write() would cost far more than the query.
   */
  replace(table: TableName, sql: string, params?: unknown[]): Promise<number>;
  /** Deletes rows of a table the step writes; answers how many. */
  remove(table: TableName, where: string, params?: unknown[]): Promise<number>;
  /** Rejects of the step (a diff that does not apply…), kept with their reason like normalize's. */
  reject(r: { rawId?: string; kind?: string; key?: string; location?: string; reason: string }): void;
  now: Date;
  /** Where the previous slice of this run stopped (the cursor it answered); null in the first slice. */
  cursor: string | null;
}

/**
 * What a slice answers: nothing when the step is done; 'more' when work is left that the
 * step finds again by itself (rows still pending); a cursor when it works through ranges,
 * where the next slice goes on from that cursor (a range may change nothing).
 */
export type StepAnswer = void | 'more' | { cursor: string };

export interface Step {
  /** Stable name: kept in step_state and shown by `shiplog status`. */
  name: string;
  description: string;
  reads: readonly StepInput[];
  writes: readonly TableName[];
  /**
   * Does the step's work in its transaction. A step whose work may not fit one transaction
   * (DuckDB keeps an UPDATE's old values in memory it cannot spill, and a join of two large
   * answers may not fit its memory limit) does a slice and answers 'more' or a cursor: that
   * slice commits and the step runs again at once, until it answers nothing.
   */
  run(ctx: StepContext): Promise<StepAnswer>;
}
