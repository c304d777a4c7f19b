// Benchmark: JUnit ingest. (1) Throughput of the junit reader path (stream → chunker → rows,
// what `import junit` does before the store) against a bare saxes parse of the same file in
// the same run; (2) peak RSS of that path on a large report (1 GB by default) in a child
// process; (3) a full `shiplog import junit` into DuckDB of a smaller report; (4) with 10M
// test results written by SQL, the flaky-test query and the test-health routes over HTTP.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { startServer } from '../src/api/serve.ts';
import { configSchema } from '../src/config/schema.ts';
import { silentLogger } from '../src/lib/log.ts';
import { runMetric } from '../src/metrics/run.ts';
import { refreshRollups } from '../src/rollups/state.ts';
import { testHealth } from '../src/metrics/test_health/test_health.ts';
import { chunkJUnit, type JUnitChunk } from '../src/sources/junit/chunker.ts';
import { normalizeJUnit } from '../src/sources/junit/normalize.ts';
import { chunkKey } from '../src/sources/junit/rows.ts';
import { openStore } from '../src/store/index.ts';
import { loadSql } from '../src/lib/sql.ts';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

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

const text = (path: string) => createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>;

export async function bareSaxes(path: string): Promise<number> {
  const p = new SaxesParser({ position: true });
  let n = 0;
  p.on('opentag', (t) => { if (t.name === 'testcase') n++; });
  p.on('closetag', () => undefined);
  p.on('text', () => undefined);
  for await (const s of text(path)) p.write(s);
  p.close();
  return n;
}

/** The junit source path without the store: chunks, then normalize of each chunk's raw record. */
export async function readerPath(path: string): Promise<number> {
  let rows = 0;
  for await (const ev of chunkJUnit(text(path))) if ('chunk' in ev) rows += normalizedRows(ev.chunk, path);
  return rows;
}

/**
 * One chunk through the source's normalize, in its own call as the pipeline runs one batch:
 * its rows are dropped when it returns. (Left in the loop above, the async function's suspended
 * frame kept the last chunk's rows alive through the next read, which the pipeline does not.)
 */
function normalizedRows(chunk: JUnitChunk, path: string): number {
  const key = chunkKey('build:junit:bench', 'f', chunk.firstOrdinal);
  const rec = { rawId: `junit:cases:${key}`, source: 'junit', scope: path, kind: 'cases', key, url: path, payload: chunk.payload, contentHash: '', fetchedAt: new Date(0) };
  return normalizeJUnit([rec]).rows.test_results?.length ?? 0;
}

async function best<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let out = { ms: Infinity, value: undefined as T };
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    if (ms < out.ms) out = { ms, value };
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function queries(figures: Record<string, unknown>, results: number, dir: string, samples: number): Promise<void> {
  const store = await openStore(join(dir, 'tests.duckdb'));
  try {
    let t0 = performance.now();
    for (const stmt of loadSql(import.meta.url, 'junit-world.sql').split(/;\s*\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s))) {
      await store.run(stmt.replaceAll('$1', String(Math.trunc(results)))); // our own integer, as text
    }
    await store.run('CHECKPOINT');
    figures['10M store: test results'] = results;
    figures['10M store: build (s)'] = Math.round(performance.now() - t0) / 1000;
    const [{ asof }] = await store.all<{ asof: Date }>('SELECT max(run_at) + INTERVAL 1 DAY AS asof FROM test_results');
    const clock = () => asof;
    // what the derive of junit/jenkins/gerrit does after a sync: rebuild the rollups
    t0 = performance.now();
    await refreshRollups({ store, clock });
    figures['rollups rebuilt: test_health, test_results_daily, tests_broken_daily (s)'] = Math.round(performance.now() - t0) / 1000;
    const flaky = await best(3, () => runMetric(testHealth, { store, clock }, { state: 'flaky', limit: 100 }));
    figures['flaky-test query from the rollup, best of 3 (ms)'] = Math.round(flaky.ms);
    figures['flaky tests found'] = flaky.value.rows.length;
    // the same question with an explicit `until` is computed from the runs (test_health.sql)
    const until = new Date(asof.getTime() - 86_400_000 + 1000).toISOString();
    const flakyRuns = await best(1, () => runMetric(testHealth, { store, clock }, { state: 'flaky', limit: 100, until }));
    figures['flaky-test query from the runs, with until (ms)'] = Math.round(flakyRuns.ms);
    figures['same flaky tests from both paths'] = JSON.stringify(flakyRuns.value.rows) === JSON.stringify(flaky.value.rows);
    t0 = performance.now();
    await runMetric(testHealth, { store, clock }, { state: 'all', limit: 100, until });
    figures['test_health all tests from the runs, with until (ms)'] = Math.round(performance.now() - t0);
    const server = await startServer({ store, config: configSchema.parse({}), log: silentLogger(), clock, fetch }, { host: '127.0.0.1', port: 0 });
    try {
      const [one] = await store.all<{ repo: string; name: string }>("SELECT repo, name FROM test_results WHERE name = 'test7' LIMIT 1");
      const routes = ['/api/tests/flaky?limit=50', '/api/tests?limit=50', '/api/tests/failing?limit=50', '/api/tests/repos',
        `/api/tests?repo=${encodeURIComponent(one.repo)}&limit=50`, `/api/tests/history?name=${one.name}&repo=${encodeURIComponent(one.repo)}&limit=100`,
        '/api/tests/broken?limit=50&min_changes=2', '/api/explore?table=test_results&group=status&bucket=week'];
      for (const r of routes) {
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < samples + 2; i++) {
          const t = performance.now();
          const res = await fetch(server.url + r, { headers: { 'cache-control': 'no-cache' } }); // the query, not the response cache
          const body = await res.text();
          if (!res.ok) throw new Error(`${r}: HTTP ${res.status}`);
          if (i >= 2) times.push(performance.now() - t); // two warm-up requests
          rows = (JSON.parse(body) as { rows: unknown[] }).rows.length;
        }
        times.sort((a, b) => a - b);
        figures[`${r} p50/p95 (ms), rows`] = `${percentile(times, 50)} / ${percentile(times, 95)}, ${rows}`;
      }
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
  }
}

export async function run(opts: { mb?: number; bigMb?: number; importMb?: number; results?: number; queriesOnly?: boolean; samples?: number } = {}): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-junit-'));
  const figures: Record<string, unknown> = {};
  try {
    if (!opts.queriesOnly) await ingest(figures, dir, opts);
    await queries(figures, opts.results ?? 10_000_000, dir, opts.samples ?? 10);
    printFigures('junit ingest and test health', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingest(figures: Record<string, unknown>, dir: string, opts: { mb?: number; bigMb?: number; importMb?: number }): Promise<void> {
  const file = join(dir, 'report.xml');
  await writeReport(file, opts.mb ?? 200);
  const mb = statSync(file).size / 1e6;
  figures['report (MB)'] = Math.round(mb);
  const bare = await best(2, () => bareSaxes(file));
  const ours = await best(2, () => readerPath(file));
  figures['testcases'] = bare.value;
  figures['rows from the junit path'] = ours.value;
  figures['bare saxes (MB/s)'] = Math.round(mb / (bare.ms / 1000));
  figures['junit path (MB/s)'] = Math.round(mb / (ours.ms / 1000));
  figures['junit path (results/s)'] = Math.round(ours.value / (ours.ms / 1000));
  figures['junit path / bare saxes'] = ratio(bare.ms, ours.ms);

  const bigMb = opts.bigMb ?? 1000;
  const big = join(dir, 'big.xml');
  await writeReport(big, bigMb);
  const child = await measureCommand(process.execPath, ['--import', 'tsx', '-e',
    `import('${new URL('./junit.ts', import.meta.url).pathname}').then((m) => m.readerPath('${big}')).then((n) => console.log(n))`], { keepStdout: true });
  figures[`${bigMb} MB report: junit path peak RSS (MB)`] = child.peakRssMb;
  figures[`${bigMb} MB report: junit path (s)`] = Math.round(child.ms / 100) / 10;
  figures[`${bigMb} MB report: rows`] = Number(child.stdout.trim());
  rmSync(big);

  const importMb = opts.importMb ?? 50;
  const small = join(dir, 'import.xml');
  await writeReport(small, importMb);
  const bin = shiplogBin();
  const imp = await measureCommand(bin, ['--db', join(dir, 'import.duckdb'), 'import', 'junit', small]);
  if (imp.code !== 0) throw new Error(`import junit failed: ${imp.stderr}`);
  figures[`import junit ${importMb} MB into DuckDB (s)`] = Math.round(imp.ms / 100) / 10;
  figures[`import junit ${importMb} MB: MB/s`] = Math.round((statSync(small).size / 1e6 / (imp.ms / 1000)) * 10) / 10;
  figures[`import junit ${importMb} MB: peak RSS (MB)`] = imp.peakRssMb;
}
