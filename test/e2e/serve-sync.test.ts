// `shiplog serve --sync` as a service, through the real executable: it keeps a fake
// Gerrit, Phabricator and Jenkins (loopback, real formats) fresh without anyone typing
// `sync` — new changes, tasks and builds arrive by themselves; a failing Jenkins is
// retried, counted in /metrics and turns warn in /api/freshness and `shiplog status`,
// then recovers; SIGTERM stops it cleanly. Short intervals (1 s) instead of a fake clock:
// this is the whole process; the schedule's arithmetic is tested in src/schedule.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplog, shiplogChild } from '../helpers/cli.ts';
import { JOB, startUpstreams, type Upstreams } from '../helpers/upstreams.ts';

let up: Upstreams;
let child: ChildProcess;
let base: string;
let dir: string;
let stderr = '';

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${String(last)}); server stderr:\n${stderr.slice(-2000)}`);
}

interface Freshness { state: string | null; scheduled: boolean; sources: { source: string; state: string; consecutive_failures: number; next_sync_at: string | null }[] }
const freshness = async () => (await (await fetch(`${base}/api/freshness`)).json()) as Freshness;
const count = async (sql: string) => {
  const res = await fetch(`${base}/api/sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql }) });
  return Number(((await res.json()) as { rows: { n: number }[] }).rows[0].n);
};
const stateOf = (f: Freshness, source: string) => f.sources.find((s) => s.source === source)?.state;

beforeAll(async () => {
  up = await startUpstreams();
  dir = mkdtempSync(join(tmpdir(), 'shiplog-serve-sync-'));
  const every = '{ interval: 1s, jitter: 0, retry: 1s, warn_after: 4s, error_after: 60s }';
  // the sources that stay healthy get room: one source syncs at a time, so on a loaded
  // machine a failing Jenkins' turns can hold them past 4 s and they would read warn too
  const healthy = '{ interval: 1s, jitter: 0, retry: 1s, warn_after: 30s, error_after: 60s }';
  writeFileSync(join(dir, 'shiplog.yaml'), [
    'sources:',
    `  gerrit: { url: "${up.gerrit.url}", query: "bug:T181315", retries: 0, timeout_ms: 5000 }`,
    `  phabricator: { url: "${up.phabricator.url}", token: "\${PHAB_TOKEN}", page_size: 2, retries: 0, backoff_ms: 10 }`,
    `  jenkins: { url: "${up.jenkins.url}", jobs: [${JOB}], tests: none, retries: 0, retry_base_ms: 10 }`,
    'schedule:',
    `  gerrit: ${healthy}`,
    `  phabricator: ${healthy}`,
    `  jenkins: ${every}`,
    '',
  ].join('\n'));
  child = shiplogChild(['--db', join(dir, 'service.duckdb'), 'serve', '--sync', '--port', '0'], {
    cwd: dir, env: { PHAB_TOKEN: 'api-secrettoken0000000000000000', SHIPLOG_LOG_LEVEL: 'warn' },
  });
  child.stderr!.on('data', (d) => (stderr += d));
  base = await until('the server to listen', async () => /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1]);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await up?.close();
});

describe('shiplog serve --sync', () => {
  it('says what it syncs, and brings every source to ok by itself', async () => {
    expect(stderr).toMatch(/syncing jenkins every 1s, phabricator every 1s, gerrit every 1s|syncing .*gerrit every 1s/);
    const f = await until('every source fresh', async () => {
      const x = await freshness();
      return x.sources.length === 3 && x.sources.every((s) => s.state === 'ok') && x;
    });
    expect(f).toMatchObject({ state: 'ok', scheduled: true });
    expect(await count('SELECT count(*) AS n FROM changes')).toBe(up.gerrit.changes.length);
    expect(await count('SELECT count(*) AS n FROM tasks')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM ci_builds')).toBe(3); // 9, 10, 11; 12 is still running
  }, 60_000);

  it('picks up new changes, tasks and builds with nobody typing sync', async () => {
    const tasks = await count('SELECT count(*) AS n FROM tasks');
    up.gerrit.addChange(1_200_001);
    up.phabricator.addTask(4242);
    up.jenkins.finishRunningAndAdd(13);
    await until('the new change', async () => (await count("SELECT count(*) AS n FROM changes WHERE number = 1200001")) === 1);
    await until('the new task', async () => (await count("SELECT count(*) AS n FROM tasks WHERE task_key = 'task:T4242'")) === 1);
    await until('builds 12 and 13', async () => (await count('SELECT count(*) AS n FROM ci_builds')) === 5);
    expect(await count('SELECT count(*) AS n FROM tasks')).toBe(tasks + 1);
  }, 60_000);

  it('retries a failing source, reports it in /metrics, /api/freshness and status, and recovers', async () => {
    up.failing.add('jenkins');
    const metric = /shiplog_schedule_consecutive_failures\{source="jenkins"\} (\d+)/;
    await until('two failures in a row', async () => Number(metric.exec(await (await fetch(`${base}/metrics`)).text())?.[1] ?? 0) >= 2);
    await until('jenkins to turn warn', async () => stateOf(await freshness(), 'jenkins') === 'warn');
    expect(stateOf(await freshness(), 'gerrit')).toBe('ok'); // the others stay fresh meanwhile
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/shiplog_source_freshness_state\{source="jenkins",state="warn"\} 1/);
    expect(metrics).toMatch(/shiplog_source_freshness_objective_seconds\{source="jenkins",level="warn"\} 4/);
    expect(metrics).toMatch(/shiplog_schedule_syncs_total\{source="gerrit",outcome="ok"\} \d+/);
    const status = shiplog(['--db', join(dir, 'service.duckdb'), 'status'], { cwd: dir, env: { PHAB_TOKEN: 'api-secrettoken0000000000000000' } });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^jenkins\s+warn\s/m);
    expect(status.stdout).toMatch(/^gerrit\s+ok\s/m);
    up.failing.delete('jenkins');
    await until('jenkins to recover', async () => stateOf(await freshness(), 'jenkins') === 'ok');
  }, 90_000);

  it('stops on SIGTERM, exit 0', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shiplog: stopping');
  }, 30_000);
});
