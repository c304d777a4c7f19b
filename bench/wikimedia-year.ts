// Benchmark: a Wikimedia year of CI (bench/wikimedia-year/world.ts) ingested into each engine,
// whole processes timed with /usr/bin/time -v: the floor (the same generation, JUnit chunking
// and normalising with nothing stored) and the ingest (raw records, builds, test results), the
// ingest rate per tenth of the run (flat: last tenth ≤ 1.2× the first), bytes per result on
// disk, then `shiplog serve` on the result and p50/p95 of the dashboard routes (no-cache), next
// to /api/health in the same run. Sizes: WY_DAYS days (default 10, ~4.3M results; the year is
// 365 days, ~160M), engines WY_ENGINES (default duckdb,clickhouse), data in WY_DIR (removed
// unless WY_KEEP=1; WY_MEASURE_ONLY=1 measures the routes of a kept store again, no ingest;
// WY_CHECKPOINT sets DuckDB's db_checkpoint_threshold for the ingest, e.g. 256MB).
// Heavy: say the load (`uptime`) next to the figures.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/clickhouse-server.ts';
import { printFigures, ratio, shiplogBin } from './lib.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const INGEST = join(ROOT, 'bench', 'wikimedia-year', 'ingest.ts');

interface Timed { ms: number; rssMb: number; stdout: string }

function timed(args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', INGEST, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (process.env.WY_VERBOSE) process.stderr.write(d);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ingest ${args.join(' ')} exited ${code}: ${err.slice(-600)}`));
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0);
      resolve({ ms: performance.now() - t0, rssMb: Math.round(kb / 1024), stdout: out });
    });
  });
}

function duBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size + (existsSync(`${path}.wal`) ? statSync(`${path}.wal`).size : 0);
  let n = 0;
  const walk = (p: string) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const q = join(p, e.name);
      if (e.isDirectory()) walk(q);
      else n += statSync(q).size;
    }
  };
  walk(path);
  return n;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10;
}

export const WY_ROUTES: [string, string][] = [
  ['status', '/api/status'],
  ['overview: test failures/week', '/api/explore?table=test_results&time=run_at&bucket=week&status=fail'],
  ['explore: test results by status/week', '/api/explore?table=test_results&group=status&bucket=week'],
  ['tests: per test', '/api/tests?limit=200'],
  ['tests: failing now', '/api/tests/failing?limit=200'],
  ['tests: flaky', '/api/tests/flaky?limit=200'],
  ['tests: per repo', '/api/tests/repos'],
  ['tests: broken by a dependency', '/api/tests/broken?limit=100'],
  ['tests: history of one test', '/api/tests/history?name=testMethod3%20with%20data%20set%20%235&repo=mediawiki/core&limit=200'],
  ['tests: CI usage per day', '/api/reports/ci_usage?by=day&limit=120'],
  ['tests: job matrix', '/api/reports/ci_job_matrix'],
  ['ci: health per repo', '/api/reports/ci_health'],
  ['builds: latest', '/api/tables/ci_builds?order=-time&limit=50'],
  ['results: latest failures', '/api/tables/test_results?status=fail&order=-time&limit=50'],
];

async function routeTimes(engine: string, db: string, runs: number): Promise<Record<string, unknown>> {
  const port = await freePort();
  const server = spawn(shiplogBin(), ['--engine', engine, '--db', db, 'serve', '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' } });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 600; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // serve rebuilds stale rollups in the background: time the routes once they are fresh, as
    // a server that has been up for a while answers (the wait is a figure of its own)
    const t0 = performance.now();
    let fresh = false;
    for (let i = 0; i < 1800 && !fresh; i++) {
      const status = await fetch(`${base}/api/status`).then((r) => r.json() as Promise<{ rollups?: { fresh: boolean }[] }>, () => null);
      fresh = Boolean(status?.rollups?.every((r) => r.fresh));
      if (!fresh) await new Promise((r) => setTimeout(r, 2000));
    }
    const out: Record<string, unknown> = { 'rollups fresh after serve start (s)': fresh ? Math.round((performance.now() - t0) / 1000) : 'not within an hour' };
    for (const [name, path] of [['floor: /api/health', '/api/health'] as [string, string], ...WY_ROUTES]) {
      const ms: number[] = [];
      let status = 0;
      for (let i = 0; i < runs + 1; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { 'cache-control': 'no-cache' }, signal: AbortSignal.timeout(120_000) });
        await res.arrayBuffer();
        status = res.status;
        if (i > 0) ms.push(performance.now() - t0); // the first is a warm-up
      }
      out[`${name} p50/p95 ms`] = `${percentile(ms, 50)} / ${percentile(ms, 95)}${status === 200 ? '' : ` (HTTP ${status})`}`;
    }
    return out;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('close', r));
  }
}

/** Only the routes (and size) of a store a run kept (WY_KEEP=1, WY_DIR): measured again on a quiet machine. */
async function measureOnly(engine: string, db: string): Promise<Record<string, unknown>> {
  if (!existsSync(db)) throw new Error(`WY_MEASURE_ONLY: no store at ${db} (run once with WY_KEEP=1 and this WY_DIR)`);
  const count = await new Promise<number>((resolve, reject) => {
    const child = spawn(shiplogBin(), ['--engine', engine, '--db', db, '--json', 'sql', 'SELECT count(*) AS n FROM test_results'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(Number(/"n":\s*(\d+)/.exec(out)?.[1] ?? NaN)));
  });
  const bytes = duBytes(db);
  return {
    results: count, 'bytes on disk': bytes, 'bytes per result (everything, raw XML archive included)': Math.round((bytes / count) * 10) / 10,
    ...(await routeTimes(engine, db, Number(process.env.WY_RUNS ?? 10))),
  };
}

async function oneEngine(engine: string, dir: string, days: number): Promise<Record<string, unknown>> {
  const db = join(dir, engine === 'duckdb' ? 'year.duckdb' : 'year-clickhouse');
  if (process.env.WY_MEASURE_ONLY) return measureOnly(engine, db);
  const floor = await timed(['--no-store', '--from', '0', '--days', '1']);
  const checkpoint = engine === 'duckdb' && process.env.WY_CHECKPOINT ? ['--checkpoint-threshold', process.env.WY_CHECKPOINT] : [];
  const run = await timed(['--engine', engine, '--db', db, '--from', '0', '--days', String(days), ...checkpoint]);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { day: number; results: number; ms: number });
  const results = lines.reduce((n, l) => n + l.results, 0);
  const perDay = lines.map((l, i) => ({ results: l.results, ms: l.ms - (i ? lines[i - 1].ms : 0) }));
  const tenth = Math.max(1, Math.floor(perDay.length / 10));
  const rate = (xs: typeof perDay) => xs.reduce((n, x) => n + x.results, 0) / (xs.reduce((n, x) => n + x.ms, 0) / 1000);
  const first = rate(perDay.slice(0, tenth));
  const last = rate(perDay.slice(-tenth));
  const bytes = duBytes(db);
  const floorPerDay = floor.ms;
  return {
    results,
    'ingest wall s': Math.round(run.ms / 1000),
    'ingest peak RSS MB': run.rssMb,
    'floor wall s (1 day, nothing stored)': Math.round(floor.ms / 1000),
    'ingest / floor (per day)': ratio(run.ms / days, floorPerDay),
    'ingest results/s (whole run)': Math.round(results / (run.ms / 1000)),
    'results/s first tenth': Math.round(first),
    'results/s last tenth': Math.round(last),
    'last tenth slower by': ratio(first, last),
    'bytes on disk': bytes,
    'bytes per result (everything, raw XML archive included)': Math.round((bytes / results) * 10) / 10,
    ...(await routeTimes(engine, db, Number(process.env.WY_RUNS ?? 10))),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  shiplogBin();
  const days = Number(process.env.WY_DAYS ?? 10);
  const engines = (process.env.WY_ENGINES ?? 'duckdb,clickhouse').split(',');
  const dir = process.env.WY_DIR ?? mkdtempSync(join(tmpdir(), 'shiplog-wy-'));
  mkdirSync(dir, { recursive: true });
  const out: Record<string, unknown> = { days: process.env.WY_MEASURE_ONLY ? 'measured only: a kept store' : days, 'DuckDB checkpoint threshold': process.env.WY_CHECKPOINT ?? 'default', 'load (1/5/15 min) at start': loadavg().map((x) => x.toFixed(1)).join(' ') };
  try {
    for (const engine of engines) {
      const figures = await oneEngine(engine, dir, days);
      figures['load (1/5/15 min) after'] = loadavg().map((x) => x.toFixed(1)).join(' ');
      printFigures(`wikimedia-year on ${engine}, ${process.env.WY_MEASURE_ONLY ? `the kept store in ${dir}` : `${days} days`}`, figures);
      out[engine] = figures;
    }
  } finally {
    if (!process.env.WY_KEEP && !process.env.WY_MEASURE_ONLY) rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
