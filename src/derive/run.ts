// Runs the derive steps whose inputs changed: each step in its own transaction, in
// dependency order, again and again until a whole pass changes nothing. A step is fresh
// when the versions of the tables it reads equal the ones it saw at its last run (its own
// writes included, so a step that reads what it writes does not wake itself).
import { ShiplogError } from '../lib/errors.ts';
import type { Step, StepAnswer, StepContext } from '../model/step.ts';
import type { Store, UpsertCounts } from '../store/index.ts';
import { orderSteps } from './graph.ts';
import { readVersions, Touched, type Versions } from './versions.ts';

export type StepReject = Parameters<StepContext['reject']>[0];

export interface DeriveOptions {
  now: Date;
  /** Stores a step's rejects in its transaction (the pipeline's reject rows). */
  saveRejects?: (tx: Store, step: string, rejects: StepReject[]) => Promise<void>;
  /** Passes over the graph before giving up on a fixpoint (a cycle that never settles). */
  maxPasses?: number;
}

export interface StepRun {
  step: string;
  ms: number;
  changed: number;
  /** What its writes did per table (new / updated / unchanged rows). */
  tables: Record<string, UpsertCounts>;
}

const seenOf = (step: Step, versions: Versions) => Object.fromEntries(step.reads.map((t) => [t, versions.get(t) ?? 0]));

/** Runs one step if an input moved on, slice after slice while it has more; null when it was fresh. */
async function runStep(store: Store, step: Step, opts: DeriveOptions): Promise<StepRun | null> {
  let total: StepRun | null = null;
  let cursor: string | null = null;
  for (;;) {
    const slice = await runSlice(store, step, opts, cursor);
    if (!slice) return total;
    total = total ? merged(total, slice.run) : slice.run;
    if (!slice.more) return total;
    if (typeof slice.more === 'object') {
      if (slice.more.cursor === cursor) throw new ShiplogError('store_failure', `derive step ${step.name} answered the cursor it was given (${cursor}): it would never finish`);
      cursor = slice.more.cursor;
    }
  }
}

function merged(a: StepRun, b: StepRun): StepRun {
  const tables = { ...a.tables };
  for (const [t, c] of Object.entries(b.tables)) {
    const x = tables[t] ?? { new: 0, updated: 0, unchanged: 0 };
    tables[t] = { new: x.new + c.new, updated: x.updated + c.updated, unchanged: x.unchanged + c.unchanged };
  }
  return { step: a.step, ms: a.ms + b.ms, changed: a.changed + b.changed, tables };
}

/**
 * One transaction of a step. A slice that answers 'more' or a cursor commits its rows and
 * the versions they moved, but not the step's state: the step is still stale, and runs again.
 */
async function runSlice(store: Store, step: Step, opts: DeriveOptions, cursor: string | null): Promise<{ run: StepRun; more: Exclude<StepAnswer, void> | null } | null> {
  return store.transaction(async (tx) => {
    const versions = await readVersions(tx);
    const [state] = await tx.all<{ seen: string }>('SELECT seen FROM step_state WHERE step = $1', [step.name]);
    const seen = state ? (JSON.parse(state.seen) as Record<string, number>) : null;
    const current = seenOf(step, versions);
    if (seen && step.reads.every((t) => (seen[t] ?? 0) === current[t])) return null;
    if (!seen && step.reads.every((t) => current[t] === 0)) {
      // Nothing it reads was ever written: nothing to derive yet.
      await tx.upsert('step_state', [{ step: step.name, seen: JSON.stringify(current), ran_at: opts.now, duration_ms: 0, rows_changed: 0 }]);
      return null;
    }
    const started = performance.now();
    const touched = new Touched();
    const rejects: StepReject[] = [];
    let changed = 0;
    const tables: Record<string, UpsertCounts> = {};
    const writable = (table: string) => {
      if (!(step.writes as readonly string[]).includes(table)) {
        throw new ShiplogError('store_failure', `derive step ${step.name} wrote ${table}, which it does not declare among its writes`);
      }
    };
    const count = (tables: readonly string[], n: number) => {
      changed += n;
      for (const t of tables) touched.add(t, n);
    };
    const ctx: StepContext = {
      all: (sql, params) => tx.all(sql, params),
      run: async (sql, params, changes) => {
        const answered = await tx.run(sql, params);
        const n = changes ?? answered;
        count(step.writes, n);
        return n;
      },
      write: async (table, rows) => {
        writable(table);
        if (rows.length === 0) return;
        const c = await tx.write(table, rows);
        const t = (tables[table] ??= { new: 0, updated: 0, unchanged: 0 });
        t.new += c.new;
        t.updated += c.updated;
        t.unchanged += c.unchanged;
        count([table], c.new + c.updated);
      },
      replace: async (table, sql, params) => {
        writable(table);
        const n = await tx.replaceRows(table, sql, params);
        count([table], n);
        return n;
      },
      remove: async (table, where, params) => {
        writable(table);
        const n = await tx.remove(table, where, params);
        count([table], n);
        return n;
      },
      reject: (r) => void rejects.push(r),
      now: opts.now,
      cursor,
    };
    const more = (await step.run(ctx)) ?? null;
    if (rejects.length > 0) await opts.saveRejects?.(tx, step.name, rejects);
    if (more) {
      // 'more' finds its work again by what is still pending: a slice that changed nothing would repeat forever
      if (more === 'more' && changed === 0) throw new ShiplogError('store_failure', `derive step ${step.name} answered that it has more to do but changed nothing`);
      await touched.commit(tx, opts.now);
      return { run: { step: step.name, ms: performance.now() - started, changed, tables }, more };
    }
    // What it saw: the versions it started from and its own bumps (read back instead, they
    // would miss the bumps on ClickHouse, which writes the bookkeeping at commit, and the
    // step would run again to no effect)
    const bumped = await touched.commit(tx, opts.now);
    const ms = performance.now() - started;
    await tx.upsert('step_state', [{
      step: step.name, seen: JSON.stringify(seenOf(step, new Map([...versions, ...bumped]))), ran_at: opts.now, duration_ms: ms, rows_changed: changed,
    }]);
    return { run: { step: step.name, ms, changed, tables }, more };
  });
}

/** Runs the steps until a pass changes nothing; answers what ran. */
export async function runDerive(store: Store, steps: readonly Step[], opts: DeriveOptions): Promise<StepRun[]> {
  const ordered = orderSteps(steps);
  const ran: StepRun[] = [];
  const passes = opts.maxPasses ?? 8;
  for (let pass = 0; pass < passes; pass++) {
    let any = false;
    for (const step of ordered) {
      const r = await runStep(store, step, opts);
      if (r) {
        ran.push(r);
        any = true;
      }
    }
    if (!any) return ran;
  }
  throw new ShiplogError('store_failure', `derive did not settle after ${passes} passes (steps keep changing each other's tables: ${ran.slice(-5).map((r) => r.step).join(', ')})`);
}

/** Forgets what every step saw, so the next derive runs them all (renormalize). */
export async function resetSteps(store: Store): Promise<void> {
  await store.remove('step_state', 'true');
}
