// A writer for the kill test: imports BATCHES batches of raw records and their test
// results exactly as the sync pipeline commits a batch (raw first, rows of superseded
// versions removed, rows written, cursor saved), resuming from the saved cursor. Run as
// `node --import tsx kill-child.ts <engine> <path> <database> [crash batch]`; killed at random
// by the test, or killing itself with SIGKILL inside the crash batch, after its rows are
// written and before it commits (the moment a ClickHouse batch is most exposed).
import { openStore } from '../index.ts';

export const BATCHES = 40;
export const PER_BATCH = 2_000;

export function batchRows(b: number) {
  const raw = [{
    raw_id: `junit:cases:b${b}#${String(b % 3).padStart(16, '0')}`, source: 'junit', scope: 's', kind: 'cases', key: `b${b}`,
    fetched_at: new Date(Date.UTC(2024, 0, 1)), url: null, payload: `batch ${b}`, content_hash: String(b % 3),
  }];
  const results = Array.from({ length: PER_BATCH }, (_, i) => ({
    result_key: `build:junit:${b}/s/C/t${i}#1`, build_key: `build:junit:${b}`, repo: `repo${b % 7}`, suite: 's', class: 'C',
    name: `t${i}`, status: i % 50 === 0 ? 'fail' : 'pass', duration_ms: i, run_at: new Date(Date.UTC(2024, 0, 1, 0, b)),
    raw_id: raw[0].raw_id,
  }));
  return { raw, results };
}

async function main(): Promise<void> {
  const [engine, path, database, crash] = process.argv.slice(2);
  const store = await openStore(path, engine === 'clickhouse' ? { engine: 'clickhouse', clickhouse: { database } } : {});
  const [state] = await store.all<{ cursor: string | null }>("SELECT cursor FROM sync_state WHERE source = 'junit' AND scope = 's'");
  for (let b = state?.cursor ? Number(state.cursor) + 1 : 0; b < BATCHES; b++) {
    const { raw, results } = batchRows(b);
    await store.transaction(async (tx) => {
      const { fresh, superseded } = await tx.storeRaw(raw);
      if (superseded.length) await tx.deleteByRawIds('test_results', superseded);
      if (fresh.length) await tx.write('test_results', results);
      if (String(b) === crash) process.kill(process.pid, 'SIGKILL');
      await tx.upsert('sync_state', [{ source: 'junit', scope: 's', cursor: String(b), items_total: b + 1 }]);
    });
    process.stdout.write(`${b}\n`);
  }
  await store.close();
}

if (process.argv[1]?.endsWith('kill-child.ts')) await main();
