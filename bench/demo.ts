// Benchmark: `shiplog demo --no-serve` as a whole process under /usr/bin/time -v (wall time,
// peak RSS) at the default scale, and at `--scale large` when BENCH_DEMO_SCALES asks for it
// (default "small"; "small,large" for both). Prints the demo's own lines (how long each source
// took to write and to ingest) and what it stored. Targets: small ingests in ≤ 30 s with peak
// RSS < 600 MB; large holds ≥ 10M test results and ≥ 100k changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printFigures, shiplogBin, timeV } from './lib.ts';
import { counts } from './mediawiki-config.ts';

export async function run(): Promise<Record<string, unknown>> {
  const bin = shiplogBin();
  const scales = (process.env.BENCH_DEMO_SCALES ?? 'small').split(',');
  const figures: Record<string, unknown> = {};
  for (const scale of scales) {
    const dir = mkdtempSync(join(tmpdir(), `shiplog-bench-demo-${scale}-`));
    try {
      const db = join(dir, 'demo.duckdb');
      const r = await timeV(bin, ['--db', db, 'demo', '--no-serve', '--scale', scale], { env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' }, keepStdout: true });
      if (r.code !== 0) throw new Error(`demo --scale ${scale} exited ${r.code}: ${r.stderr.slice(-600)}`);
      const lines = `${r.stderr}\n${r.stdout}`.split('\n').filter((l) => / in \d+(\.\d+)? s/.test(l));
      for (const l of lines) console.log(`  ${scale}: ${l.trim()}`);
      const c = await counts(bin, db, `SELECT (SELECT count(*) FROM test_results) AS test_results, (SELECT count(*) FROM changes) AS changes,
        (SELECT count(*) FROM commits) AS commits, (SELECT count(*) FROM raw_records) AS raw_records`);
      Object.assign(figures, {
        [`${scale}: demo --no-serve (s)`]: Math.round(r.ms / 100) / 10,
        [`${scale}: CPU user+sys (s)`]: Math.round((r.userS + r.sysS) * 10) / 10,
        [`${scale}: peak RSS (MB)`]: r.rssMb,
        [`${scale}: load (1 min) at start`]: r.load,
        [`${scale}: per source`]: lines.map((l) => l.trim()).join(' | '),
        [`${scale}: stored`]: JSON.stringify(c),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printFigures('demo', figures);
  return figures;
}
