// Benchmark: `shiplog import junit` of generated PHPUnit-style reports (40 MB and 400 MB by
// default, BENCH_JUNIT_MB="40,400") into a fresh DuckDB file, against a bare saxes parse of the
// same file (bench/saxes-parse.mjs), each a whole process under /usr/bin/time -v, in turn,
// BENCH_RUNS times (default 3). Target: baseline/shiplog ≥ 0.5, peak RSS < 600 MB at every size.
// The store's contents are checked once: as many test results as the baseline counted cases.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../test/helpers/junit-report.ts';
import { compareRuns, printFigures, shiplogBin, timeV } from './lib.ts';

export { writeReport };

const BASELINE = new URL('./saxes-parse.mjs', import.meta.url).pathname;

export async function run(opts: { sizes?: number[]; runs?: number } = {}): Promise<Record<string, unknown>> {
  const bin = shiplogBin();
  const sizes = opts.sizes ?? (process.env.BENCH_JUNIT_MB ?? '40,400').split(',').map(Number);
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-junit-'));
  const figures: Record<string, unknown> = {};
  const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
  try {
    for (const mb of sizes) {
      const file = join(dir, `report-${mb}.xml`);
      await writeReport(file, mb);
      const db = join(dir, `import-${mb}.duckdb`);
      const label = `${Math.round(statSync(file).size / 1e6)} MB`;
      const cmp = await compareRuns(label, {
        runs, ratio: 'speed',
        baseline: () => timeV(process.execPath, [BASELINE, file], { keepStdout: true }),
        prepare: () => {
          rmSync(db, { force: true });
          rmSync(`${db}.wal`, { force: true });
        },
        ours: () => timeV(bin, ['--db', db, 'import', 'junit', file], { env }),
      });
      const cases = Number(cmp.baseline[0].stdout.trim());
      const count = await timeV(bin, ['--db', db, '--json', 'sql', 'SELECT count(*) AS n FROM test_results'], { env, keepStdout: true });
      const stored = Number(/"n":\s*(\d+)/.exec(count.stdout)?.[1]);
      if (stored !== cases) throw new Error(`${label}: ${stored} test results stored, the baseline counted ${cases} testcases`);
      Object.assign(figures, { [`${label}: testcases`]: cases }, cmp.figures);
      rmSync(file);
      rmSync(db, { force: true });
    }
    printFigures('junit import against a bare saxes parse', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
