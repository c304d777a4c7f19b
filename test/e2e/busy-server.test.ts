// A busy server is not a dead one: while `shiplog serve` is paused (SIGSTOP, as a stalled
// event loop looks from outside), the CLI waits for it instead of opening the file and
// failing with "in use by another process"; a server that stays silent is named (pid, URL,
// "busy or stopped"); a server file whose process no longer holds the lock is stale.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLocalServer } from '../../src/cli/remote.ts';
import { openStore } from '../../src/store/index.ts';
import { BIN, shiplogChild } from '../helpers/cli.ts';

let dir: string;
let db: string;
let server: ReturnType<typeof shiplogChild>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-busy-'));
  db = join(dir, 's.duckdb');
  server = shiplogChild(['--db', db, 'serve', '--port', '0']);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      if (/on http:\/\/127\.0\.0\.1:\d+\//.test(err)) resolve();
    });
    server.once('close', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
});
afterAll(async () => {
  server.kill('SIGCONT');
  server.kill('SIGTERM');
  await new Promise((r) => server.once('close', r));
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], onStderr: (text: string) => void = () => undefined): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => onStderr((stderr += d)));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a paused server', () => {
  it('is waited for, and the query goes through it once it answers again', async () => {
    server.kill('SIGSTOP');
    let resumed = false;
    const resume = () => {
      if (!resumed) server.kill('SIGCONT');
      resumed = true;
    };
    // resume once the CLI says it waits (at most 25 s): before the fix it opened the file and failed instead
    const giveUp = setTimeout(resume, 25_000);
    const r = await run(['--db', db, 'sql', 'SELECT 42 AS n', '--format', 'json'], (err) => {
      if (/is busy; waiting/.test(err)) setTimeout(resume, 1000);
    });
    clearTimeout(giveUp);
    resume();
    expect(r.stderr).not.toMatch(/in use by/);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 42 }]);
    expect(r.stderr).toMatch(/the server \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) holds .*s\.duckdb but is busy; waiting/);
  });

  it('that stays silent is named as busy or stopped, with its pid, not as another process', async () => {
    server.kill('SIGSTOP');
    try {
      await expect(findLocalServer(db, fetch, { patienceMs: 1000 })).rejects.toThrow(
        new RegExp(`the server that holds it \\(pid ${server.pid}, .*\\) is alive but has not answered .*busy, or stopped`),
      );
    } finally {
      server.kill('SIGCONT');
    }
    expect(await findLocalServer(db, fetch)).not.toBeNull();
  });
});

describe('a stale server file', () => {
  it('whose process is alive but does not hold the lock is ignored (the file is opened directly)', async () => {
    const other = join(dir, 'other.duckdb');
    await (await openStore(other)).close();
    // pid: this test process (alive, a reused pid); url: nothing listens there
    writeFileSync(`${other}.server.json`, JSON.stringify({ url: 'http://127.0.0.1:9', pid: process.pid, token: 'x' }));
    expect(await findLocalServer(other, fetch, { patienceMs: 5000 })).toBeNull();
  });
});
