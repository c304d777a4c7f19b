// The sync pipeline: collect → raw → normalize → upsert, one transaction per batch
// together with the cursor, so a kill at any moment loses nothing and a re-run resumes
// where the last committed batch ended. Every write raises the versions of the tables it
// changed; then the derive steps reading those tables run (src/derive), also transactional.
import { describeError, ShiplogError } from '../lib/errors.ts';
import { redactSecrets } from '../lib/redact.ts';
import type { Sleep } from '../lib/http/client.ts';
import type { Logger } from '../lib/log.ts';
import { CATALOGUE, tableDef } from '../model/catalogue/index.ts';
import type { Row, Store } from '../store/index.ts';
import type { Batch, NormalizeResult, Source } from '../sources/types.ts';
import { Touched } from '../derive/versions.ts';
import { deriveNow } from './derive.ts';
import { coalesceBatches, type BatchBudget } from './batches.ts';
import { rejectRows, storeRaw, toRawRecord } from './raw.ts';
import { addCounts, emptySummary, type SourceSummary } from './summary.ts';
import { unmatchedProjects } from './status.ts';

export interface PipelineDeps {
  store: Store;
  log: Logger;
  clock: () => Date;
  fetch: typeof fetch;
  onProgress?: (ev: { source: string; scope: string; done: number; total?: number }) => void;
  signal?: AbortSignal;
  /** Waits and jitter of the collectors' HTTP retries (tests inject them; default real timers). */
  sleep?: Sleep;
  random?: () => number;
  /** How much raw input one transaction takes (tests shrink it to exercise many batches). */
  batchBudget?: BatchBudget;
  /** false: leave the derive steps to the caller (one derive after many imports). */
  derive?: boolean;
}

export interface RunInput<C> {
  source: Source<C>;
  config: C | undefined;
  paths: string[];
  options: Record<string, unknown>;
}

/** The tables a step may write, from the catalogue's writers. */
export function tablesWrittenBy(step: string): string[] {
  return CATALOGUE.filter((t) => (t.writers as readonly string[]).includes(step)).map((t) => t.name);
}

/**
 * Writes a normalize/derive result and its rejects inside the given transaction, each
 * table by its catalogue write mode. A step may write only the tables that name it as a
 * writer: a source cannot quietly fill another's table.
 */
export async function applyResult(
  tx: Store,
  summary: SourceSummary,
  writer: string,
  scope: string,
  result: NormalizeResult,
  rejectedAt: (rawId?: string) => Date,
  touched?: Touched,
): Promise<void> {
  for (const [table, rows] of Object.entries(result.rows) as [string, Row[] | undefined][]) {
    if (!rows || rows.length === 0) continue;
    const def = tableDef(table);
    if (!def.writers.includes(writer)) {
      throw new ShiplogError('store_failure', `${writer} wrote ${table}, which the catalogue lets only ${def.writers.join(', ')} write`);
    }
    const counts = await tx.write(table, rows);
    addCounts(summary, table, counts);
    touched?.add(table, counts.new + counts.updated);
  }
  if (result.rejects.length > 0) {
    const rows = result.rejects.map((r) => rejectRows(summary.source, scope, [r], rejectedAt(r.rawId))[0]);
    const counts = await tx.upsert('rejects', rows);
    summary.rejected += counts.new;
  }
}

/** Removes the rows of raw records that a newer version of their item replaced. */
export async function dropSuperseded(tx: Store, source: string, superseded: string[], touched?: Touched): Promise<void> {
  if (superseded.length === 0) return;
  for (const table of [...tablesWrittenBy(source), 'rejects']) touched?.add(table, await tx.deleteByRawIds(table, superseded));
}

async function saveState(tx: Store, source: string, scope: string, patch: Record<string, unknown>): Promise<void> {
  const [prev] = await tx.all<Record<string, unknown>>(
    'SELECT * FROM sync_state WHERE source = $1 AND scope = $2',
    [source, scope],
  );
  await tx.upsert('sync_state', [{ source, scope, items_total: 0, ...prev, ...patch }]);
}

interface ScopeState {
  source: string;
  scope: string;
  cursor: string | null;
  itemsTotal: number;
}

/** One batch in one transaction: raw records, rows, rejects and the scope's cursor together. */
async function runBatch<C>(deps: PipelineDeps, input: RunInput<C>, state: ScopeState, batch: Batch, summary: SourceSummary) {
  const { source } = input;
  const now = deps.clock();
  const records = batch.items.map((item) => toRawRecord(source.name, state.scope, item, now));
  await deps.store.transaction(async (tx) => {
    const touched = new Touched();
    const { fresh, superseded } = await storeRaw(tx, records);
    touched.add(`raw:${source.name}`, fresh.length);
    await dropSuperseded(tx, source.name, superseded, touched);
    const fetchedAt = new Map(fresh.map((r) => [r.rawId, r.fetchedAt]));
    const result = source.normalize(fresh, { source: source.name, scope: state.scope });
    result.rejects.push(...(batch.rejects ?? []));
    await applyResult(tx, summary, source.name, state.scope, result, (id) => (id && fetchedAt.get(id)) || now, touched);
    await touched.commit(tx, now);
    const cursor = batch.cursor !== undefined ? batch.cursor : state.cursor;
    await tx.upsert('sync_state', [{ source: source.name, scope: state.scope, cursor, last_run_at: now, items_total: state.itemsTotal + fresh.length }]);
    // Counted only once the transaction commits: a failed batch leaves the state as it was.
    summary.raw += fresh.length;
    summary.seen += records.length;
    state.cursor = cursor;
    state.itemsTotal += fresh.length;
  });
}

/**
 * Runs the batches of one scope, overlapping the next batch's collection (parsing, fetching)
 * with the current batch's commit: at most one transaction is in flight, so batches commit
 * in order and a kill loses at most the uncommitted ones, which the cursor makes re-run.
 */
async function runBatches<C>(deps: PipelineDeps, input: RunInput<C>, state: ScopeState, batches: AsyncIterable<Batch>, summary: SourceSummary, scope: string) {
  let inFlight: Promise<void> | null = null;
  let failed: unknown = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (failed) throw failed;
  };
  for await (const batch of batches) {
    await settle();
    inFlight = runBatch(deps, input, state, batch, summary)
      .then(() => {
        if (batch.progress) deps.onProgress?.({ source: input.source.name, scope, ...batch.progress });
      })
      .catch((err: unknown) => {
        failed = err;
      });
  }
  await settle();
}

/**
 * The scope as stored in sync_state and raw_records: a file import's scope is its path
 * unless `--name` names it (when the import has one scope), so a status lists "wikitech
 * incident reports" rather than a folder that may be gone. A URL's credentials never reach it.
 */
export function storedScope(input: RunInput<unknown>, scopes: string[], scope: string): string {
  const name = input.options.name;
  return redactSecrets(input.paths.length > 0 && scopes.length === 1 && typeof name === 'string' && name !== '' ? name : scope);
}

/** An import of one path with no --name, named by the source from what is stored (else the folder). */
async function withInferredName<C>(deps: PipelineDeps, input: RunInput<C>, summary: SourceSummary): Promise<RunInput<C>> {
  const { source, paths, options } = input;
  if (!source.inferName || paths.length !== 1 || (typeof options.name === 'string' && options.name !== '')) return input;
  const found = await source.inferName(paths[0], (sql, params) => deps.store.all(sql, params));
  if (!found) return input;
  (summary.notes ??= []).push(`named ${found.name} (no --name): ${found.basis}`);
  return { ...input, options: { ...options, name: found.name } };
}

/** Collects and ingests every scope of one source; a failing scope is recorded and reported. */
export async function runSource<C>(deps: PipelineDeps, given: RunInput<C>): Promise<SourceSummary> {
  const { source } = given;
  const started = Date.now();
  const summary = emptySummary(source.name);
  const input = await withInferredName(deps, given, summary);
  const scopes = source.scopes({ config: input.config, paths: input.paths, options: input.options });
  for (const scope of scopes) {
    const stored = storedScope(input as RunInput<unknown>, scopes, scope);
    const [prev] = await deps.store.all<{ cursor: string | null; items_total: number | null }>(
      'SELECT cursor, items_total FROM sync_state WHERE source = $1 AND scope = $2',
      [source.name, stored],
    );
    const state: ScopeState = { source: source.name, scope: stored, cursor: prev?.cursor ?? null, itemsTotal: prev?.items_total ?? 0 };
    const ctx = {
      source: source.name, scope, cursor: state.cursor, config: input.config,
      paths: input.paths, options: input.options, fetch: deps.fetch, clock: deps.clock,
      log: deps.log, signal: deps.signal, sleep: deps.sleep, random: deps.random,
    };
    try {
      await runBatches(deps, input, state, coalesceBatches(source.collect(ctx), deps.batchBudget), summary, scope);
      await deps.store.transaction((tx) => saveState(tx, source.name, stored, { last_success_at: deps.clock(), last_error: null }));
    } catch (err) {
      const message = redactSecrets(`${source.name} ${stored}: ${describeError(err)}`);
      try {
        await deps.store.transaction((tx) => saveState(tx, source.name, stored, { last_run_at: deps.clock(), last_error: message }));
      } catch {
        // The store itself failed (DuckDB invalidates a database after a fatal error): one error,
        // the first, and what the user can do; the batches committed before it are kept.
        throw new ShiplogError('store_failure', `${message}; the store refused further writes, so the import stopped after its last committed batch: run it again to resume`, { cause: err });
      }
      summary.errors.push(message);
      summary.errorCodes.push(err instanceof ShiplogError ? err.code : 'store_failure');
      deps.log.error({ err, source: source.name, scope: stored }, 'collect failed');
    }
  }
  if (deps.derive !== false) await deriveNow(deps.store, deps.clock, [summary]);
  if (tablesWrittenBy(source.name).includes('changes')) {
    const unmatched = await unmatchedProjects(deps.store);
    for (const u of unmatched.slice(0, 5)) {
      (summary.notes ??= []).push(`${u.changes} change${u.changes === 1 ? '' : 's'} of project ${u.project} match${u.changes === 1 ? 'es' : ''} no known repository (commits and config deploys will not join them; import the repository, or give --name)`);
    }
    if (unmatched.length > 5) {
      const rest = unmatched.slice(5);
      summary.notes!.push(`${rest.reduce((n, u) => n + u.changes, 0)} changes of ${rest.length} more projects match no known repository`);
    }
  }
  summary.durationMs = Date.now() - started;
  return summary;
}
