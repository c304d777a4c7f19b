// Benchmark: flat cost and storage. A store is bulk-filled by SQL (bench/flat-cost/world.ts)
// to FLAT_RESULTS minus the measured batches, then FLAT_ROUNDS rounds (default 10) of one
// append transaction of FLAT_BATCH test results (default 1M) through the store's append
// path and one upsert transaction of FLAT_CHANGES changes (default 100k, 80% new) through
// its upsert path, so the store grows to FLAT_RESULTS (default 100M). Every round's times are
// printed; target: the 10th batch ≤ 1.2× the first. Then bytes per test result on disk after
// a CHECKPOINT (target ≤ 30; the whole file over the test results, changes included). Each
// phase is its own process under /usr/bin/time -v (peak RSS). Heavy: ~100M rows.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printFigures, ratio, timeV, median } from './lib.ts';

const CHILD = new URL('./flat-cost/child.ts', import.meta.url).pathname;

function child(args: string[]) {
  return timeV(process.execPath, ['--import', 'tsx', CHILD, ...args], { keepStdout: true });
}

function lines(stdout: string): Record<string, number>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, number>);
}

export async function run(): Promise<Record<string, unknown>> {
  const total = Number(process.env.FLAT_RESULTS ?? 100_000_000);
  const rounds = Number(process.env.FLAT_ROUNDS ?? 10);
  const batch = Number(process.env.FLAT_BATCH ?? 1_000_000);
  const perChanges = Number(process.env.FLAT_CHANGES ?? 100_000);
  const fillChanges = Number(process.env.FLAT_FILL_CHANGES ?? 1_000_000);
  const fillResults = Math.max(0, total - rounds * batch);
  const dir = process.env.FLAT_DIR ?? mkdtempSync(join(tmpdir(), 'shiplog-bench-flat-'));
  const db = join(dir, 'flat.duckdb');
  const figures: Record<string, unknown> = {};
  try {
    const fill = await child([db, 'fill', String(fillResults), String(fillChanges)]);
    if (fill.code !== 0) throw new Error(`fill failed: ${fill.stderr.slice(-500)}`);
    Object.assign(figures, {
      'bulk fill by SQL: test results, changes': `${fillResults.toLocaleString('en-US')}, ${fillChanges.toLocaleString('en-US')}`,
      'bulk fill (s), peak RSS (MB), load': `${Math.round(fill.ms / 1000)}, ${fill.rssMb}, ${fill.load}`,
    });
    console.log(`  filled in ${Math.round(fill.ms / 1000)} s`);
    const r = await child([db, 'rounds', String(rounds), String(batch), String(perChanges), String(fillResults), String(fillChanges)]);
    if (r.code !== 0) throw new Error(`rounds failed: ${r.stderr.slice(-500)}`);
    const rs = lines(r.stdout);
    for (const x of rs) {
      figures[`round ${x.round}: append ${batch.toLocaleString('en-US')} results (ms)`] = x.appendMs;
      figures[`round ${x.round}: upsert ${perChanges.toLocaleString('en-US')} changes (ms), new/updated/unchanged`] = `${x.upsertMs}, ${x.new}/${x.updated}/${x.unchanged}`;
    }
    const a = rs.map((x) => x.appendMs);
    const u = rs.map((x) => x.upsertMs);
    Object.assign(figures, {
      'append: last / first batch': ratio(a[a.length - 1], a[0]),
      'append: median of last 3 / median of first 3': ratio(median(a.slice(-3)), median(a.slice(0, 3))),
      'upsert: last / first batch': ratio(u[u.length - 1], u[0]),
      'upsert: median of last 3 / median of first 3': ratio(median(u.slice(-3)), median(u.slice(0, 3))),
      'rounds: peak RSS (MB), load at start': `${r.rssMb}, ${r.load}`,
    });
    const size = await child([db, 'size']);
    const [c] = lines(size.stdout);
    const bytes = statSync(db).size;
    Object.assign(figures, {
      'test results stored': c.results,
      'changes stored': c.changes,
      'database file after CHECKPOINT (bytes)': bytes,
      'bytes per test result (whole file)': Math.round((bytes / c.results) * 10) / 10,
    });
    printFigures('flat cost and storage', figures);
    return figures;
  } finally {
    if (!process.env.FLAT_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}
