// Rebuilding rollups and deciding whether one may be read. The watermark is the derive_state
// of the sources a rollup reads: derive_state moves whenever new raw records of a source are
// derived (and renormalize re-derives), so a rollup built in the same transaction as the
// last derive is exactly as current as the base tables.
import type { Store } from '../store/index.ts';
import type { Rollup, RollupContext } from './define.ts';
import { ROLLUPS } from './registry.ts';

async function watermarkOf(store: Store, rollup: Rollup): Promise<string> {
  const rows = await store.all<{ source: string; raw_seq: number }>(
    `SELECT source, raw_seq FROM derive_state WHERE source IN (${rollup.dependsOn.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY source`,
    [...rollup.dependsOn],
  );
  return rows.map((r) => `${r.source}=${r.raw_seq}`).join(',');
}

/** Rebuilds the rollups that read `source` (all of them when it is undefined), in `ctx.store`. */
export async function refreshRollups(ctx: RollupContext, source?: string, rollups: readonly Rollup[] = ROLLUPS): Promise<void> {
  for (const r of rollups) {
    if (source !== undefined && !r.dependsOn.includes(source)) continue;
    const started = performance.now();
    const { asOf } = await r.refresh(ctx);
    const [{ n }] = await ctx.store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "rollup_${r.name}"`);
    await ctx.store.run('DELETE FROM rollup_state WHERE name = $1', [r.name]);
    await ctx.store.run('INSERT INTO rollup_state VALUES ($1, $2, $3, $4, $5, $6)', [
      r.name, await watermarkOf(ctx.store, r), asOf ?? null, n, ctx.clock(), Math.round(performance.now() - started),
    ]);
  }
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
export async function invalidateRollups(store: Store, source: string, rollups: readonly Rollup[] = ROLLUPS): Promise<void> {
  for (const r of rollups) if (r.dependsOn.includes(source)) await store.run('DELETE FROM rollup_state WHERE name = $1', [r.name]);
}
