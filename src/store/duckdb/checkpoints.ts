// When a DuckDB store checkpoints (writes its write-ahead log into the database file).
// DuckDB checkpoints when the log passes a fixed size. Each checkpoint costs more as the store
// grows (it writes again the parts of the key indexes the commits touched, and starts new row
// groups), so a small fixed size slows an ingest down as the store grows: at 16MB the 100M-result
// year of docs/scale.md ingested 1.47× slower at the end than at the start. A large fixed size
// costs memory on every store, small ones included: at 256MB the default demo peaked ~100 MB
// higher. So by default shiplog checkpoints itself, after a write commits, once the log has passed
// a size that grows with the database file: a sixteenth of it, at least 16MB, at most half the
// memory limit. The log then grows in step with the store, and the number of checkpoints grows
// with the logarithm of the store's size instead of with its size. A size set in shiplog.yaml
// (db_checkpoint_threshold) is fixed, and DuckDB applies it itself.

/** The least log size at which shiplog checkpoints: DuckDB's own default. */
export const MIN_CHECKPOINT_BYTES = 16e6;
/** The log may reach this share of the database file before a checkpoint. */
export const CHECKPOINT_SHARE = 1 / 16;
/** Without a memory limit to bound it: the most the log reaches. */
const MAX_CHECKPOINT_BYTES = 256e6;

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** Bytes of a size written as DuckDB takes it ("512MB", "1.5GiB"); undefined when it is none. */
export function sizeBytes(size: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)\s*$/i.exec(size ?? '');
  return m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : undefined;
}

/** The log size after which a commit checkpoints, for a database file of `fileBytes`. */
export function checkpointLimit(fileBytes: number, memoryLimitBytes: number | undefined): number {
  const most = Math.max(MIN_CHECKPOINT_BYTES, memoryLimitBytes === undefined ? MAX_CHECKPOINT_BYTES : memoryLimitBytes / 2);
  return Math.min(most, Math.max(MIN_CHECKPOINT_BYTES, fileBytes * CHECKPOINT_SHARE));
}
