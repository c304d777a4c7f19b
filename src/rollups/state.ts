// Rebuilding rollups and deciding whether one may be read. The watermark says how far the
// sources a rollup reads have got: raw records stored (each batch) and derived (each derive);
// renormalize clears the rollups of the source it replays. A rollup whose watermark (and
// "as of") still match was built from exactly the data the base tables hold — as long as
// rows are written by the pipeline: code that writes tables directly (tests) must rebuild.
// The sync service rebuilds stale rollups once after each import, sync or renormalize.
import type { Store } from '../store/index.ts';
import type { Rollup, RollupContext } from './define.ts';
import { allRollups } from './registry.ts';

/**
 * Per source it reads: the raw records it has stored (sync_state.items_total, which each
 * committed batch raises with its rows) and the raw seq its last derive covered. The first
 * moves while a sync is still writing rows, the second when derive rewrites them.
 */
async function watermarkOf(store: Store, rollup: Rollup): Promise<string> {
  const list = rollup.dependsOn.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await store.all<{ source: string; items: number; derived: number }>(
    `SELECT source, coalesce(s.items, 0)::BIGINT AS items, coalesce(d.raw_seq, 0)::BIGINT AS derived
       FROM (SELECT source, sum(items_total) AS items FROM sync_state WHERE source IN (${list}) GROUP BY source) s
       FULL JOIN (SELECT source, raw_seq FROM derive_state WHERE source IN (${list})) d USING (source)
      WHERE coalesce(s.items, 0) > 0 OR coalesce(d.raw_seq, 0) > 0
      ORDER BY source`,
    [...rollup.dependsOn],
  );
  return rows.map((r) => `${r.source}=${r.items}/${r.derived}`).join(',');
}

/** Rebuilds one rollup and records its watermark, in one transaction. */
async function rebuild(ctx: RollupContext, r: Rollup): Promise<number> {
  const started = performance.now();
  await ctx.store.transaction(async (tx) => {
    const { asOf } = await r.refresh({ store: tx, clock: ctx.clock });
    const [{ n }] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "rollup_${r.name}"`);
    await tx.run('DELETE FROM rollup_state WHERE name = $1', [r.name]);
    await tx.run('INSERT INTO rollup_state VALUES ($1, $2, $3, $4, $5, $6)', [
      r.name, await watermarkOf(tx, r), asOf ?? null, n, ctx.clock(), Math.round(performance.now() - started),
    ]);
  });
  return Math.round(performance.now() - started);
}

/** Rebuilds every rollup, fresh or not. */
export async function refreshRollups(ctx: RollupContext, rollups: readonly Rollup[] = allRollups()): Promise<void> {
  for (const r of rollups) await rebuild(ctx, r);
}

/** Rebuilds the rollups that are stale; returns what it rebuilt and how long each took (ms). */
export async function refreshStaleRollups(ctx: RollupContext, rollups: readonly Rollup[] = allRollups()): Promise<Record<string, number>> {
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
  const [state] = await store.all<{ watermark: string; as_of: Date | null }>('SELECT watermark, as_of FROM rollup_state WHERE name = $1', [rollup.name]);
  if (!state) return false;
  if (asOf !== undefined && state.as_of?.getTime() !== asOf.getTime()) return false;
  return state.watermark === (await watermarkOf(store, rollup));
}

/** Marks the rollups that read `source` as stale (renormalize rewrites rows without new raw seq). */
export async function invalidateRollups(store: Store, source: string, rollups: readonly Rollup[] = allRollups()): Promise<void> {
  for (const r of rollups) if (r.dependsOn.includes(source)) await store.run('DELETE FROM rollup_state WHERE name = $1', [r.name]);
}
