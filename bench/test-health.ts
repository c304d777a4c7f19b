// Benchmark: test health on a large store. With 10M test results written by SQL
// (junit-world.sql), the rollup rebuild, the flaky-test query from the rollup and from the
// runs, and the test-health routes over HTTP (p50/p95, no-cache). Sizes: BENCH_RESULTS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/api/serve.ts';
import { configSchema } from '../src/config/schema.ts';
import { silentLogger } from '../src/lib/log.ts';
import { runMetric } from '../src/metrics/run.ts';
import { rebuildAllRollups } from '../src/sync/rollups.ts';
import { testHealth } from '../src/metrics/test_health/test_health.ts';
import { openStore } from '../src/store/index.ts';
import { loadSql } from '../src/lib/sql.ts';
import { printFigures } from './lib.ts';

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
    await rebuildAllRollups({ store, clock });
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

export async function run(opts: { results?: number; samples?: number } = {}): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-tests-'));
  const figures: Record<string, unknown> = {};
  try {
    await queries(figures, opts.results ?? Number(process.env.BENCH_RESULTS ?? 10_000_000), dir, opts.samples ?? 10);
    printFigures('test health on a large store', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
