// Rebuilds entity rows from raw_records with no I/O: after a parser fix, history is
// re-derived offline. Deletes what the sources' raw records produced, replays the current
// version of every item (raw_heads) in arrival order, then forgets what every derive step
// saw and derives once — the same rows a first ingest of those versions writes, whatever
// the order the sources were first imported in (test/e2e/order.test.ts).
import { loadSql } from '../lib/sql.ts';
import type { Store } from '../store/index.ts';
import type { Source } from '../sources/types.ts';
import { resetSteps } from '../derive/run.ts';
import { Touched } from '../derive/versions.ts';
import { deriveNow } from './derive.ts';
import { applyResult, tablesWrittenBy } from './pipeline.ts';
import { rowToRawRecord } from './raw.ts';
import { emptySummary, type SourceSummary } from './summary.ts';

const CHUNK = 2000;

export async function renormalize(
  store: Store,
  sources: Source<unknown>[],
  clock: () => Date,
  onProgress?: (source: string, done: number, total: number) => void,
): Promise<SourceSummary[]> {
  const out: SourceSummary[] = [];
  for (const source of sources) {
    const started = Date.now();
    const summary = emptySummary(source.name);
    await store.transaction(async (tx) => {
      const touched = new Touched();
      for (const table of [...tablesWrittenBy(source.name), 'rejects']) {
        touched.add(table, await tx.remove(table, loadSql(import.meta.url, 'rows-of-source.sql'), [`${source.name}:`]));
      }
      touched.add(`raw:${source.name}`, 1);
      const [{ total }] = await tx.all<{ total: number }>('SELECT count(*) AS total FROM raw_records WHERE source = $1', [source.name]);
      // Versions a newer one replaced are archived but hold no rows: skip them.
      const replaced = new Set((await tx.all<{ raw_id: string }>(
        'SELECT raw_id FROM raw_records WHERE source = $1 AND raw_id NOT IN (SELECT raw_id FROM raw_heads)', [source.name])).map((r) => r.raw_id));
      let lastSeq = 0;
      for (;;) {
        const rows = await tx.all<Record<string, unknown>>(
          'SELECT * FROM raw_records WHERE source = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [source.name, lastSeq, CHUNK],
        );
        if (rows.length === 0) break;
        lastSeq = Number(rows[rows.length - 1].seq);
        const records = rows.filter((r) => !replaced.has(String(r.raw_id))).map(rowToRawRecord);
        const byScope = new Map<string, typeof records>();
        for (const r of records) byScope.set(r.scope, [...(byScope.get(r.scope) ?? []), r]);
        const fetchedAt = new Map(records.map((r) => [r.rawId, r.fetchedAt]));
        for (const [scope, recs] of byScope) {
          const res = source.normalize(recs, { source: source.name, scope });
          await applyResult(tx, summary, source.name, scope, res, (id) => (id && fetchedAt.get(id)) || clock(), touched);
        }
        summary.seen += rows.length;
        onProgress?.(source.name, summary.seen, total);
      }
      await touched.commit(tx, clock());
    });
    summary.durationMs = Date.now() - started;
    out.push(summary);
  }
  const started = Date.now();
  await resetSteps(store);
  await deriveNow(store, clock, out);
  if (out[0]) out[0].durationMs += Date.now() - started;
  return out;
}
