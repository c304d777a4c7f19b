// One process of the flat-cost benchmark, on a store opened as shiplog opens it (default
// memory limit and threads). `fill <results> <changes>` bulk-fills by SQL (not measured as
// ingest); `rounds <n> <results a batch> <changes a batch> <first result> <first change>`
// runs n rounds of one append transaction of test results (written in pieces of 25,000 rows,
// as the pipeline hands them over) and one upsert transaction of changes (80% new, 20% newer
// versions of stored ones), printing one JSON line per round; `size` checkpoints and counts.
import { openStore, type Row } from '../../src/store/index.ts';
import { change, changesSql, testResult, testResultsSql } from './world.ts';

const PIECE = 25_000;
const FILL_SLICE = 5_000_000;

const [path, phase, ...args] = process.argv.slice(2);
const nums = args.map(Number);
const store = await openStore(path);
const out = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
try {
  if (phase === 'fill') {
    const [results, changes] = nums;
    const t0 = performance.now();
    for (let from = 0; from < changes; from += FILL_SLICE) await store.run(changesSql(from, Math.min(changes, from + FILL_SLICE)));
    for (let from = 0; from < results; from += FILL_SLICE) {
      await store.run(testResultsSql(from, Math.min(results, from + FILL_SLICE)));
      out({ filled: Math.min(results, from + FILL_SLICE), ms: Math.round(performance.now() - t0) });
    }
    await store.run('CHECKPOINT');
    out({ fillMs: Math.round(performance.now() - t0) });
  } else if (phase === 'rounds') {
    const [rounds, perResults, perChanges, firstResult, firstChange] = nums;
    for (let r = 0; r < rounds; r++) {
      const base = firstResult + r * perResults;
      let t0 = performance.now();
      await store.transaction(async (tx) => {
        for (let s = 0; s < perResults; s += PIECE) {
          const rows = [];
          for (let i = s; i < Math.min(perResults, s + PIECE); i++) rows.push(testResult(base + i));
          await tx.write('test_results', rows);
        }
      });
      const appendMs = performance.now() - t0;
      const fresh = Math.round(perChanges * 0.8);
      const next = firstChange + r * fresh;
      const rows: Row[] = [];
      for (let i = 0; i < fresh; i++) rows.push(change(next + i));
      // newer versions of changes stored before, spread over what is there
      for (let i = 0; i < perChanges - fresh; i++) rows.push(change(Math.floor(((i * 7919) % next)), r + 1));
      t0 = performance.now();
      let counts = { new: 0, updated: 0, unchanged: 0 };
      await store.transaction(async (tx) => {
        counts = await tx.write('changes', rows);
      });
      out({ round: r + 1, appendMs: Math.round(appendMs), upsertMs: Math.round(performance.now() - t0), ...counts, results: base + perResults });
    }
  } else if (phase === 'size') {
    await store.run('CHECKPOINT');
    const [c] = await store.all<{ results: number; changes: number }>('SELECT (SELECT count(*) FROM test_results) AS results, (SELECT count(*) FROM changes) AS changes');
    out(c);
  } else {
    throw new Error(`unknown phase ${phase}`);
  }
} finally {
  await store.close();
}
