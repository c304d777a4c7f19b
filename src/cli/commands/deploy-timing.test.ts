// The deployer workflow records the deploy command's own start and end: a hung server (it
// accepts the connection and never answers) neither delays the wrapped command nor counts
// in its duration; and `window done` asks where the events went, so a deploy whose
// `shiplog deploy` was killed -9 mid-command is counted as unfinished, not left out.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, shiplog } from '../../../test/helpers/cli.ts';
import { runCli } from '../main.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-timing-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined; // deploy sets it to the wrapped command's code
});

async function cli(cwd: string, args: string[]) {
  let out = '';
  let err = '';
  process.exitCode = undefined;
  const code = await runCli(args, {
    stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, stdinIsTTY: false,
    env: { USER: 'deployer' }, cwd, fetch: globalThis.fetch, clock: () => new Date(),
  });
  return { code, out, err };
}

describe('shiplog deploy against a hung server', () => {
  let hung: Server;
  let port: number;
  beforeAll(async () => {
    hung = createServer(() => undefined); // reads every request, answers none
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    port = (hung.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => {
    hung.closeAllConnections();
    hung.close(() => r());
  }));

  it('starts the command at once and records only the command\'s own time', async () => {
    const cwd = join(dir, 'hung');
    const spool = join(cwd, 'spool.jsonl');
    rmSync(cwd, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(cwd));
    writeFileSync(join(cwd, 'shiplog.yaml'), `server:\n  url: http://127.0.0.1:${port}\n  token: test-token-0123456789\n  spool: ${spool}\n`);
    const r = await cli(cwd, ['deploy', '--force', '--untracked', '--', 'sh', '-c', `date +%s%3N > ${join(cwd, 'started')}; sleep 0.3`]);
    expect(r.code, r.err).toBe(0);
    const events = readFileSync(spool, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['deploy-start', 'deploy-end']);
    const end = events.find((e) => e.type === 'deploy-end');
    // the command starts right after the recorded start: before, the start event's request
    // timed out first (5 s), and that wait was inside the recorded deploy time
    const commandStarted = Number(readFileSync(join(cwd, 'started'), 'utf8'));
    expect(commandStarted - Date.parse(end.started_at)).toBeLessThan(2500);
    const recorded = Date.parse(end.finished_at) - Date.parse(end.started_at);
    expect(recorded).toBeGreaterThanOrEqual(250);
    expect(recorded).toBeLessThan(2500); // was ≥ 5300
  });
});

describe('window done after shiplog deploy was killed -9', () => {
  it('counts the deploy the database has as unfinished', async () => {
    const cwd = join(dir, 'killed');
    await import('node:fs').then((fs) => fs.mkdirSync(cwd));
    const db = join(cwd, 's.duckdb');
    const spool = join(cwd, 'spool.jsonl');
    writeFileSync(join(cwd, 'shiplog.yaml'), `db: ${db}\nserver:\n  spool: ${spool}\n`);
    expect(shiplog(['window', 'start', '--name', 'Test window'], { cwd }).code).toBe(0);
    const marker = join(cwd, 'running');
    const deploy = spawn(BIN, ['deploy', '--untracked', '--', 'sh', '-c', `touch ${marker}; sleep 60`], {
      cwd, env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' }, stdio: 'ignore',
    });
    const waitFor = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(ok(), what).toBe(true);
    };
    await waitFor(() => existsSync(marker), 'the wrapped command runs');
    // the start event is delivered while the command runs: the spool and its side files empty out
    const waiting = () => readdirSync(cwd).filter((f) => f.startsWith('spool.jsonl') && !f.endsWith('.window.json') && !f.endsWith('.lock'));
    await waitFor(() => waiting().length === 0, 'the start event is delivered');
    await new Promise((r) => setTimeout(r, 300));
    deploy.kill('SIGKILL');
    await new Promise((r) => deploy.once('close', r));
    const done = shiplog(['--json', 'window', 'done'], { cwd });
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ syncs: 1, unfinished: 1, failed: 0 });
  });
});
