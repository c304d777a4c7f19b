// The deployer workflow end to end through the real CLI: against a server that is down
// (events spooled) and then up again (the next command delivers them), against the local
// database, and with stdin closed (nothing waits for input).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../api/serve.ts';
import { loadConfig } from '../../config/load.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runCli } from '../main.ts';

interface Run { code: number; out: string; err: string }

async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  let out = '';
  let err = '';
  process.exitCode = undefined; // each real invocation is a fresh process
  const code = await runCli(args, {
    stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, stdinIsTTY: false,
    env: { USER: 'urbanecm', ...env }, cwd, fetch: globalThis.fetch, clock: () => new Date(),
  });
  return { code, out, err };
}

afterEach(() => {
  process.exitCode = undefined; // the deploy command sets it to the wrapped command's code
});

describe('shiplog window / deploy with a server', () => {
  it('spools while the server is down and delivers with the next command once it is up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const token = 'test-token-0123456789';
    const store = await openStore(join(dir, 'server.duckdb'));
    const config = loadConfig({ env: {}, path: undefined, cwd: dir }).config;
    const deps = { store, config: { ...config, server: { ...config.server, token } }, log: silentLogger(), clock: () => new Date(), fetch: globalThis.fetch };
    const first = await startServer(deps, { host: '127.0.0.1', port: 0 });
    const port = first.port;
    await first.close(); // the server is down from here
    writeFileSync(join(dir, 'shiplog.yaml'), `server:\n  url: http://127.0.0.1:${port}\n  token: ${token}\n  spool: ${join(dir, 'spool.jsonl')}\n`);

    const opened = await cli(dir, ['window', 'start', '--name', 'UTC late backport window']);
    expect(opened.code).toBe(0);
    expect(opened.err).toMatch(/1 event\(s\) kept in .*spool\.jsonl, delivered by the next shiplog command/);
    const dep = await cli(dir, ['deploy', '--change', '1101577', '--', 'sh', '-c', 'echo "Backport for [[gerrit:1101577|Add key]] (T380001)"; exit 3']);
    expect(dep.code).toBe(3); // the wrapped command's exit status
    expect(dep.out).toContain('Backport for [[gerrit:1101577|Add key]] (T380001)'); // output passed through
    expect(readFileSync(join(dir, 'spool.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).type))
      .toEqual(['window-open', 'deploy-start', 'deploy-end']);

    const again = await startServer(deps, { host: '127.0.0.1', port });
    try {
      const status = await cli(dir, ['window', 'status', '--json']);
      expect(status.err).toContain('delivered 3 spooled workflow event(s)');
      expect(JSON.parse(status.out)).toMatchObject({ open: true, syncs: 1, failed: 1, changes: [1101577], tasks: ['T380001'] });
      const [d] = await store.all<Record<string, unknown>>('SELECT outcome, window_key, forced, kind FROM deployments');
      expect(d).toMatchObject({ outcome: 'failed', forced: false, kind: 'other' });
      const done = await cli(dir, ['window', 'done', '--json']);
      expect(done.code).toBe(0);
      expect(JSON.parse(done.out)).toMatchObject({ syncs: 1, failed: 1, changes: [1101577] });
      const [w] = await store.all<{ window_key: string; closed_at: Date | null; source: string }>('SELECT window_key, closed_at, source FROM windows');
      expect(w.window_key).toBe(d.window_key);
      expect(w.closed_at).toBeInstanceOf(Date);
      expect(w.source).toBe('workflow');
    } finally {
      await again.close();
      await store.close();
    }
  });
});

describe('shiplog window / deploy on the local database', () => {
  it('refuses without a window unless --force, refuses a second window, records forced deploys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const db = join(dir, 'local.duckdb');
    const refused = await cli(dir, ['--db', db, 'deploy', '--change', '5', '--', 'true']);
    expect(refused.code).toBe(75);
    expect(refused.err).toMatch(/no window is open.*--force/);
    const forced = await cli(dir, ['--db', db, 'deploy', '--force', '--task', 'T5', '--', '/nonexistent/scap', 'sync-file', 'x.php', 'msg']);
    expect(forced.code).toBe(127);
    expect((await cli(dir, ['--db', db, 'window', 'start'])).code).toBe(0);
    const second = await cli(dir, ['--db', db, 'window', 'start']);
    expect(second.code).toBe(75);
    expect(second.err).toMatch(/already open/);
    const rows = await cli(dir, ['--db', db, '--json', 'sql', "SELECT forced, outcome, window_key FROM deployments"]);
    expect(JSON.parse(rows.out)).toEqual([{ forced: true, outcome: 'failed', window_key: null }]);
  });
});

describe('without a TTY nothing waits for input', () => {
  it('fails fast with a clear message when the change and task are missing and stdin is closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const bin = new URL('../../../bin/shiplog-dev', import.meta.url).pathname;
    const db = join(dir, 'x.duckdb');
    expect(spawnSync(bin, ['--db', db, 'window', 'start'], { input: '', timeout: 50_000 }).status).toBe(0);
    const r = spawnSync(bin, ['--db', db, 'deploy', '--', 'sh', '-c', 'exit 0'], { input: '', timeout: 50_000, encoding: 'utf8' });
    expect(r.error).toBeUndefined(); // not killed by the timeout: it did not block
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/stdin is not a terminal to ask: pass --change N/);
  });
});
