// Benchmark: p50/p95/p99 latency of every route the dashboards call, over loopback HTTP
// on a large store (100k changes, 10M test results by default), against /api/health in
// the same run; then an autocannon load test (many concurrent clients, bounded time)
// of /api/health and of a dashboard list, counting errors and non-2xx answers. The
// per-route timings send `Cache-Control: no-cache` (src/api/cache.ts), so they measure
// the query, not the response cache; the list is loaded both cached and bypassed.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/api/serve.ts';
import { RequestStats } from '../src/api/telemetry.ts';
import { configSchema } from '../src/config/schema.ts';
import { silentLogger } from '../src/lib/log.ts';
import { rebuildAllRollups } from '../src/sync/rollups.ts';
import { openStore } from '../src/store/index.ts';
import { loadSql } from '../src/lib/sql.ts';
import { printFigures, ratio } from './lib.ts';

interface CannonResult {
  errors: number; timeouts: number; non2xx: number; requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<CannonResult>;

const enc = encodeURIComponent;
/** Each dashboard route as the pages call it (src/web/pages). */
export const DASHBOARD_ROUTES: [string, string, unknown?][] = [
  ['overview: merges/week', '/api/explore?table=changes&time=merged_at&bucket=week&status=merged'],
  ['overview: deploys/week', '/api/explore?table=deployments&time=started_at&bucket=week'],
  ['overview: test failures/week', '/api/explore?table=test_results&time=run_at&bucket=week&status=fail'],
  ['overview: latest deployments', '/api/tables/deployments?order=-time&limit=10'],
  ['deployments: timeline by kind', '/api/explore?table=deployments&group=kind&bucket=day&deployer=deployer3'],
  ['deployments: list page', '/api/tables/deployments?order=-time&limit=50&kind=backport'],
  ['deployments: per window', '/api/explore?table=deployments&group=window_key&limit=10000'],
  ['trains: list', '/api/tables/trains?order=-time&limit=200'],
  ['trains: events', '/api/tables/train_events?order=time&limit=500'],
  ['entity: change', `/api/entities/${enc('change:gerrit.wikimedia.org:4242')}`],
  ['entity: tree depth 2', `/api/tree/${enc('task:T2121')}?depth=2`],
  ['explore: test results by status/week', '/api/explore?table=test_results&group=status&bucket=week'],
  ['tests: per test', '/api/tests?limit=200'],
  ['tests: per repo', '/api/tests/repos'],
  ['tests: broken by a dependency', '/api/tests/broken?limit=100'],
  ['tests: CI usage per day', '/api/reports/ci_usage?by=day&limit=120'],
  ['tests: job matrix', '/api/reports/ci_job_matrix'],
  ['tests: history of one test', '/api/tests/history?name=test7&repo=mediawiki/extensions/Ext7&limit=200'],
  ['tasks: list', '/api/tasks?limit=200'],
  ['tasks: resolution time', '/api/reports/task_resolution_time'],
  ['tasks: open by age', '/api/reports/open_tasks_by_age'],
  ['tasks: close vs merge', '/api/reports/task_close_vs_merge'],
  ['sql: deploys per deployer', '/api/sql', { sql: 'SELECT deployer, count(*) AS n, avg(duration_s) AS s FROM deployments GROUP BY deployer ORDER BY n DESC' }],
  ['status', '/api/status'],
  ['metrics', '/metrics'],
];

/** API calls no page makes, timed for reference: a filtered list of the 10M-row table. */
export const GENERIC_ROUTES: [string, string][] = [
  ['tables: failing tests of a repo (no page)', '/api/tables/test_results?status=fail&repo=mediawiki/extensions/Ext7&limit=100'],
];

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function timeRoute(url: string, path: string, body: unknown, n: number): Promise<{ p50: number; p95: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const headers = { 'cache-control': 'no-cache' }; // identical requests would otherwise be cache hits
    const res = await fetch(url + path, body ? { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) } : { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    if (i >= 2) times.push(performance.now() - t0); // two warm-up requests
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

/** Waits until the server has answered what autocannon left in flight (nothing answered for 1 s). */
async function settle(stats: RequestStats): Promise<void> {
  const answered = () => [...stats.counts.values()].reduce((a, b) => a + b, 0);
  let last: number;
  do {
    last = answered();
    await new Promise((r) => setTimeout(r, 1000));
  } while (answered() !== last);
}

export async function run(opts: { changes?: number; testResults?: number; samples?: number; seconds?: number; connections?: number } = {}): Promise<Record<string, unknown>> {
  const changes = opts.changes ?? 100_000;
  const testResults = opts.testResults ?? 10_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-api-'));
  const store = await openStore(join(dir, 'bench.duckdb'));
  try {
    const t0 = performance.now();
    for (const stmt of loadSql(import.meta.url, 'api-world.sql').split(/;\s*\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s))) {
      // Our own two integers, substituted as text: DuckDB numbers parameters by the ones used.
      await store.run(stmt.replaceAll('$1', String(Math.trunc(changes))).replaceAll('$2', String(Math.trunc(testResults))));
    }
    await store.run('CHECKPOINT');
    const buildS = Math.round((performance.now() - t0) / 100) / 10;
    // what the derive of a sync does after writing test results: rebuild the rollups
    const t1 = performance.now();
    await rebuildAllRollups({ store, clock: () => new Date() });
    const rollupS = Math.round((performance.now() - t1) / 100) / 10;
    const stats = new RequestStats();
    const server = await startServer({ store, config: configSchema.parse({}), log: silentLogger(), clock: () => new Date(), fetch, stats }, { host: '127.0.0.1', port: 0 });
    const figures: Record<string, unknown> = { changes, 'test results': testResults, 'store build (s)': buildS, 'rollups rebuilt (s)': rollupS };
    try {
      const n = opts.samples ?? 40;
      const health = await timeRoute(server.url, '/api/health', undefined, n);
      figures['/api/health p50/p95/p99 (ms)'] = `${health.p50} / ${health.p95} / ${health.p99}`;
      let worst = 0;
      for (const [name, path, body] of DASHBOARD_ROUTES) {
        const t = await timeRoute(server.url, path, body, n);
        worst = Math.max(worst, t.p95);
        figures[`${name} p50/p95/p99 (ms, uncached)`] = `${t.p50} / ${t.p95} / ${t.p99} (p95 ${ratio(t.p95, Math.max(health.p95, 0.1))}× health)`;
      }
      figures['worst dashboard p95 (ms)'] = worst;
      for (const [name, path] of GENERIC_ROUTES) {
        const t = await timeRoute(server.url, path, undefined, n);
        figures[`${name} p50/p95/p99 (ms, uncached)`] = `${t.p50} / ${t.p95} / ${t.p99} (p95 ${ratio(t.p95, Math.max(health.p95, 0.1))}× health)`;
      }
      const seconds = opts.seconds ?? 8;
      const connections = opts.connections ?? 64;
      const list = '/api/tables/deployments?order=-time&limit=50';
      const loads: [string, string, Record<string, string>][] = [
        ['health', '/api/health', {}], ['deployments list, cached', list, {}], ['deployments list, cache bypassed', list, { 'cache-control': 'no-cache' }],
      ];
      for (const [label, path, headers] of loads) {
        const r = await autocannon({ url: server.url + path, connections, duration: seconds, pipelining: 1, headers });
        await settle(stats); // queries still queued must neither slow the next run nor outlive store.close()
        const key = `load ${label} (${connections} clients, ${seconds} s)`;
        figures[`${key} req/s`] = Math.round(r.requests.average);
        figures[`${key} requests`] = r.requests.total;
        figures[`${key} errors + timeouts + non-2xx`] = r.errors + r.timeouts + r.non2xx;
        figures[`${key} p50/p99 (ms)`] = `${r.latency.p50} / ${r.latency.p99}`;
      }
      const rps = (label: string) => figures[`load ${label} (${connections} clients, ${seconds} s) req/s`] as number;
      figures['load deployments list: cached / bypassed req/s'] = ratio(rps('deployments list, cached'), Math.max(rps('deployments list, cache bypassed'), 1));
    } finally {
      await server.close();
    }
    printFigures('api latency', figures);
    return figures;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
