// The contract every source folder implements (src/sources/<name>/index.ts exports one
// `Source`). collect() does I/O only and yields raw items in batches with a cursor;
// normalize() is pure and record-by-record; derive() computes rows that need many
// records at once (pairing, diffs) from what is already stored. Sources never import
// the store: they get a read function instead.
import type { z } from 'zod';
import type { Sleep } from '../lib/http/client.ts';
import type { Logger } from '../lib/log.ts';
import { emptyRows, type RowsFor, type TableName, type TableRows } from '../model/catalogue/index.ts';

export type Row = Record<string, unknown>;

/** One fetched item, stored unchanged in raw_records before anything reads it. */
export interface RawItem {
  kind: string; // what the payload is: 'commit', 'change-meta', 'sal-entry', …
  key: string; // stable id of the item within source + kind
  payload: string; // the item exactly as received (JSON text, XML, git output, …)
  url?: string; // file path (with :line when useful) or URL it came from
  fetchedAt?: Date; // defaults to the pipeline clock
}

/** A raw item as stored, handed to normalize(). */
export interface RawRecord {
  rawId: string;
  source: string;
  scope: string;
  kind: string;
  key: string;
  url: string | null;
  payload: string;
  contentHash: string;
  fetchedAt: Date;
}

/** Bad input: stored in `rejects` with its reason, counted in the summary, never thrown. */
export interface Reject {
  rawId?: string;
  kind?: string;
  key?: string;
  location?: string; // file:line, URL or key naming where the bad input is
  reason: string;
}

export interface Batch {
  items: RawItem[];
  /** Where the next run resumes; saved in the same transaction as the batch. */
  cursor?: string | null;
  /** Problems met while collecting (an unreadable file, a 404 noted as normal, …). */
  rejects?: Reject[];
  /** For progress bars: items done so far in this scope and the expected total. */
  progress?: { done: number; total?: number };
}

export interface CollectContext<C = unknown> {
  source: string;
  scope: string;
  cursor: string | null;
  config: C | undefined;
  /** `shiplog import <source> <paths…>` paths, and command options (e.g. --name). */
  paths: string[];
  options: Record<string, unknown>;
  fetch: typeof fetch;
  clock: () => Date;
  log: Logger;
  signal?: AbortSignal;
  /** Waits between HTTP retries and polls (default: real timers); tests record and skip them. */
  sleep?: Sleep;
  /** Jitter for HTTP backoff, in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface NormalizeContext {
  source: string;
  scope: string;
}

/** Table name → rows typed by the catalogue (a misspelt column does not compile). Links are rows of `links`. */
export interface NormalizeResult {
  rows: TableRows;
  rejects: Reject[];
}

/** A normalize result under construction: every named table's list present and typed. */
export interface Output<N extends TableName> {
  rows: RowsFor<N>;
  rejects: Reject[];
}

/** `const out = output('commits', 'links')`, then `out.rows.commits.push({…})`. */
export function output<const N extends TableName>(...tables: N[]): Output<N> {
  return { rows: emptyRows(...tables), rejects: [] };
}

export type ReadFn = <T = Row>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface DeriveResult extends NormalizeResult {
  /** Rows to delete before the derived rows are upserted (stale derived rows). */
  deletes?: { table: string; where: string; params?: unknown[] }[];
  /**
   * Statements run after the upserts (e.g. flag updates computed from a walk), with the
   * number of rows each changes when the source knows it (an engine may not count them).
   */
  statements?: { sql: string; params?: unknown[]; changes?: number }[];
}

export interface ScopeInput<C> {
  config: C | undefined;
  paths: string[];
  options: Record<string, unknown>;
}

export interface Source<C = unknown> {
  name: string;
  description: string;
  /** Schema of `sources.<name>` in shiplog.yaml. */
  configSchema: z.ZodType<C>;
  /** Config keys (dotted, under sources.<name>) whose values `shiplog config` hides. */
  secrets?: string[];
  /** The scopes a run covers: from the paths for `import`, from config for `sync`. */
  scopes(input: ScopeInput<C>): string[];
  collect(ctx: CollectContext<C>): AsyncIterable<Batch>;
  /**
   * Pure and record-by-record: normalize(a ++ b) must equal normalize(a) ++ normalize(b),
   * so a renormalize in other batch sizes yields the same tables.
   */
  normalize(records: RawRecord[], ctx: NormalizeContext): NormalizeResult;
  /** Rows computed across records (after every sync and renormalize of this source). */
  derive?(read: ReadFn, ctx: { scopes: string[] }): Promise<DeriveResult>;
  /**
   * The scope name of an import path given no --name, from what is already stored (the
   * gerrit-notedb mirror's project from the commits of its Change-Ids); null: the folder name.
   */
  inferName?(path: string, read: ReadFn): Promise<{ name: string; basis: string } | null>;
}
