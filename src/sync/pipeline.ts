// The sync pipeline: collect → raw → normalize → upsert, one transaction per batch
// together with the cursor, so a kill at any moment loses nothing and a re-run resumes
// where the last committed batch ended. Then derive and link, also transactional.
import { describeError, ShiplogError } from '../lib/errors.ts';
import { redactSecrets } from '../lib/redact.ts';
import type { Sleep } from '../lib/http/client.ts';
import type { Logger } from '../lib/log.ts';
import { CATALOGUE, tableDef } from '../model/catalogue/index.ts';
import type { Row, Store } from '../store/index.ts';
import type { Batch, NormalizeResult, Source } from '../sources/types.ts';
import { runLinkRules } from '../link/run.ts';
import { peopleStep } from '../people/step.ts';
import { configDeploySubmitStep } from '../derive/steps/config-deploy-submit.ts';
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
): Promise<void> {
  for (const [table, rows] of Object.entries(result.rows) as [string, Row[] | undefined][]) {
    if (!rows || rows.length === 0) continue;
    const def = tableDef(table);
    if (!def.writers.includes(writer)) {
      throw new ShiplogError('store_failure', `${writer} wrote ${table}, which the catalogue lets only ${def.writers.join(', ')} write`);
    }
    addCounts(summary, table, await tx.write(table, rows));
  }
  if (result.rejects.length > 0) {
    const rows = result.rejects.map((r) => rejectRows(summary.source, scope, [r], rejectedAt(r.rawId))[0]);
    const counts = await tx.upsert('rejects', rows);
    summary.rejected += counts.new;
  }
}

/** Removes the rows of raw records that a newer version of their item replaced. */
export async function dropSuperseded(tx: Store, source: string, superseded: string[]): Promise<void> {
  if (superseded.length === 0) return;
  for (const table of [...tablesWrittenBy(source), 'rejects']) await tx.deleteByRawIds(table, superseded);
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
    const { fresh, superseded } = await storeRaw(tx, records);
    await dropSuperseded(tx, source.name, superseded);
    const fetchedAt = new Map(fresh.map((r) => [r.rawId, r.fetchedAt]));
    const result = source.normalize(fresh, { source: source.name, scope: state.scope });
    result.rejects.push(...(batch.rejects ?? []));
    await applyResult(tx, summary, source.name, state.scope, result, (id) => (id && fetchedAt.get(id)) || now);
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
 * Cross-source derive steps, run after the derive of any source that writes a table they
 * read (whichever came first), until the derive registry (src/derive) schedules them.
 */
const CROSS_SOURCE_STEPS = [configDeploySubmitStep];

/**
 * Runs derive() of a source and the link rules, in one transaction, unless derive has
 * already seen every raw record of the source (`force` for renormalize). The rollups that
 * read the source are stale from here on; the sync service rebuilds them.
 */
export async function deriveAndLink(store: Store, source: Source<unknown>, scopes: string[], summary: SourceSummary, clock: () => Date, force = false) {
  await store.transaction(async (tx) => {
    const [{ seq }] = await tx.all<{ seq: number | null }>('SELECT max(seq) AS seq FROM raw_records WHERE source = $1', [source.name]);
    const [done] = await tx.all<{ raw_seq: number }>('SELECT raw_seq FROM derive_state WHERE source = $1', [source.name]);
    if (!force && done && done.raw_seq === (seq ?? 0)) return;
    if (source.derive) {
      const res = await source.derive((sql, params) => tx.all(sql, params), { scopes });
      for (const d of res.deletes ?? []) await tx.run(`DELETE FROM "${d.table}" WHERE ${d.where}`, d.params);
      await applyResult(tx, summary, source.name, 'derive', res, () => clock());
      for (const st of res.statements ?? []) await tx.run(st.sql, st.params);
    }
    const written = new Set(tablesWrittenBy(source.name));
    for (const step of CROSS_SOURCE_STEPS) {
      if (step.reads.some((t) => written.has(t))) await step.run({ all: (sql, params) => tx.all(sql, params), run: (sql, params) => tx.run(sql, params) });
    }
    const linkCounts = await runLinkRules(tx);
    summary.links += linkCounts;
    // Until the derive registry (src/derive/registry.ts) runs it: people from every account,
    // when this source writes a table the step reads.
    if (peopleStep.reads.some((t) => written.has(t))) await peopleStep.run({ all: (q, p) => tx.all(q, p as never), run: (q, p) => tx.run(q, p as never), write: (t, rows) => tx.write(t, rows as never), now: clock() });
    await tx.upsert('derive_state', [{ source: source.name, raw_seq: seq ?? 0, derived_at: clock() }]);
  });
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
      summary.errors.push(message);
      summary.errorCodes.push(err instanceof ShiplogError ? err.code : 'store_failure');
      deps.log.error({ err, source: source.name, scope: stored }, 'collect failed');
      await deps.store.transaction((tx) => saveState(tx, source.name, stored, { last_run_at: deps.clock(), last_error: message }));
    }
  }
  await deriveAndLink(deps.store, source as Source<unknown>, scopes.map((x) => storedScope(input as RunInput<unknown>, scopes, x)), summary, deps.clock);
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
