// Benchmark: `shiplog import junit` of generated PHPUnit-style reports (40 MB and 400 MB by
// default, BENCH_JUNIT_MB="40,400") into a fresh DuckDB file, against a bare saxes parse of the
// same file (bench/saxes-parse.mjs), each a whole process under /usr/bin/time -v, in turn,
// BENCH_RUNS times (default 3). Target: baseline/shiplog ≥ 0.5, peak RSS < 600 MB at every size.
// The store's contents are checked once: as many test results as the baseline counted cases.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns, printFigures, shiplogBin, timeV } from './lib.ts';

/** Writes a PHPUnit-style report of about `mb` MB: nested suites, data sets, ~2% failures. */
export async function writeReport(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="" tests="0">\n<testsuite name="core:unit">\n');
  let written = 0;
  for (let c = 0; written < mb * 1e6; c++) {
    let s = `<testsuite name="MediaWiki\\Tests\\Area${c % 50}\\Class${c}Test" file="/workspace/src/tests/phpunit/Class${c}Test.php" tests="20">\n`;
    for (let m = 0; m < 20; m++) {
      const attrs = `name="testMethod${m} with data set #${m % 4}" class="MediaWiki\\Tests\\Class${c}Test" classname="MediaWiki.Tests.Class${c}Test" file="/workspace/src/tests/phpunit/Class${c}Test.php" line="${20 + m}" assertions="2" time="0.00${m}123"`;
      s += (c * 20 + m) % 50 === 0
        ? `  <testcase ${attrs}>\n    <failure type="PHPUnit\\Framework\\ExpectationFailedException">Class${c}Test::testMethod${m}\nFailed asserting that two strings are identical.\n--- Expected\n+++ Actual\n@@ @@\n-'a'\n+'b'\n\n/workspace/src/tests/phpunit/Class${c}Test.php:${30 + m}</failure>\n  </testcase>\n`
        : `  <testcase ${attrs}/>\n`;
    }
    s += '</testsuite>\n';
    written += s.length;
    await write(s);
  }
  await write('</testsuite>\n</testsuite>\n</testsuites>\n');
  await new Promise<void>((r) => out.end(() => r()));
}

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
