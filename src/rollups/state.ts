// Rebuilding rollups and deciding whether one may be read. The watermark is the versions of
// the tables a rollup reads (table_versions, raised by every batch and derive step that
// changed them). A rollup whose watermark (and
// "as of") still match was built from exactly the data the base tables hold — as long as
// rows are written by the pipeline: code that writes tables directly (tests) must rebuild.
// The sync service rebuilds stale rollups once after each import, sync or renormalize.
import type { Store } from '../store/index.ts';
import type { Rollup, RollupContext } from './define.ts';

/**
 * The versions of the tables it reads (table_versions): every committed batch and every
 * derive step that changed one of them raises its version, so a rollup built before a
 * sync in progress, a derive or a renormalize is stale from that moment on.
 */
async function watermarkOf(store: Store, rollup: Rollup): Promise<string> {
  const list = rollup.reads.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await store.all<{ table_name: string; version: number }>(`SELECT table_name, version FROM table_versions WHERE table_name IN (${list})`, [...rollup.reads]);
  return watermarkFrom(rollup, new Map(rows.map((r) => [r.table_name, r.version])));
}

/** The watermark of `rollup` from the versions of tables (those absent from `versions` were never written). */
function watermarkFrom(rollup: Rollup, versions: ReadonlyMap<string, number | bigint>): string {
  return [...new Set(rollup.reads)].filter((t) => versions.has(t)).sort().map((t) => `${t}=${versions.get(t)}`).join(',');
}

/** Rebuilds one rollup and records its watermark, in one transaction. */
async function rebuild(ctx: RollupContext, r: Rollup): Promise<number> {
  const started = performance.now();
  await ctx.store.transaction(async (tx) => {
    const { asOf } = await r.refresh({ store: tx, clock: ctx.clock });
    const [{ n }] = await tx.all<{ n: number | bigint }>(`SELECT count(*) AS n FROM "rollup_${r.name}"`);
    await tx.upsert('rollup_state', [{
      name: r.name, watermark: await watermarkOf(tx, r), as_of: asOf ?? null, row_count: Number(n), refreshed_at: ctx.clock(), duration_ms: Math.round(performance.now() - started),
    }]);
  });
  return Math.round(performance.now() - started);
}

/** Rebuilds every rollup, fresh or not. */
export async function refreshRollups(ctx: RollupContext, rollups: readonly Rollup[]): Promise<void> {
  for (const r of rollups) await rebuild(ctx, r);
}

/** Rebuilds the rollups that are stale; returns what it rebuilt and how long each took (ms). */
export async function refreshStaleRollups(ctx: RollupContext, rollups: readonly Rollup[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of rollups) {
    const asOf = r.asOf ? await r.asOf(ctx) : undefined;
    if (!(await rollupIsFresh(ctx.store, r, asOf))) out[r.name] = await rebuild(ctx, r);
  }
  return out;
}

/**
 * True when `rollup` was built from the data the base tables hold now (and for the given
 * "as of", when it is time-relative). Readers fall back to the base tables otherwise.
 */
export async function rollupIsFresh(store: Store, rollup: Rollup, asOf?: Date): Promise<boolean> {
  return (await rollupsFresh(store, [{ rollup, asOf }]))[0];
}

/** rollupIsFresh for several rollups, in two queries whatever their number (status asks for all). */
export async function rollupsFresh(store: Store, asked: { rollup: Rollup; asOf?: Date }[]): Promise<boolean[]> {
  const states = new Map((await store.all<{ name: string; watermark: string; as_of: Date | null }>('SELECT name, watermark, as_of FROM rollup_state')).map((r) => [r.name, r]));
  if (!asked.some(({ rollup }) => states.has(rollup.name))) return asked.map(() => false);
  const versions = new Map((await store.all<{ table_name: string; version: number }>('SELECT table_name, version FROM table_versions')).map((r) => [r.table_name, r.version]));
  return asked.map(({ rollup, asOf }) => {
    const state = states.get(rollup.name);
    if (!state) return false;
    if (asOf !== undefined && state.as_of?.getTime() !== asOf.getTime()) return false;
    return state.watermark === watermarkFrom(rollup, versions);
  });
}
