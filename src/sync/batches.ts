// Coalesces a source's batches into larger transactions: a source may yield many small
// batches (a JUnit chunk, a page of an API), and each transaction has a fixed cost (the
// cursor write, the commit). Consecutive batches are merged until a size budget is reached;
// the merged batch carries the last cursor, which is safe because it commits everything
// before it in the same transaction.
import type { Batch } from '../sources/types.ts';

export interface BatchBudget {
  /** Raw payload bytes (characters) per transaction. */
  maxChars: number;
  /** Raw items per transaction. */
  maxItems: number;
}

// 4 MB of raw input a transaction: 8 MB held the 40 MB JUnit import at 690 MB peak RSS against
// 565 MB, and a NoteDB import of mediawiki-config at 1.42 GB against 1.13 GB, for ~5 % more CPU.
export const DEFAULT_BUDGET: BatchBudget = { maxChars: 4 << 20, maxItems: 20_000 };

function size(b: Batch): number {
  let n = 0;
  for (const item of b.items) n += item.payload.length;
  return n;
}

function merge(into: Batch, next: Batch): Batch {
  return {
    items: into.items.concat(next.items),
    cursor: next.cursor !== undefined ? next.cursor : into.cursor,
    rejects: [...(into.rejects ?? []), ...(next.rejects ?? [])],
    progress: next.progress ?? into.progress,
  };
}

export async function* coalesceBatches(batches: AsyncIterable<Batch>, budget: BatchBudget = DEFAULT_BUDGET): AsyncGenerator<Batch> {
  let held: Batch | null = null;
  let chars = 0;
  for await (const b of batches) {
    held = held ? merge(held, b) : { ...b, items: [...b.items] };
    chars += size(b);
    if (chars >= budget.maxChars || held.items.length >= budget.maxItems) {
      yield held;
      held = null;
      chars = 0;
    }
  }
  if (held) yield held;
}
