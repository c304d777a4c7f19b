// Running the real CLI in tests: `bin/shiplog-dev` as a child process (the sources, no build), or
// runCli in-process with captured output (faster, same code path after argv parsing).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI run from the TypeScript sources (bin/shiplog runs the build; test/e2e/package.test.ts packs and runs that). */
export const BIN = join(ROOT, 'bin', 'shiplog-dev');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real executable, stdin closed, no TTY. */
export function shiplog(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(BIN, args, {
    cwd: opts.cwd, encoding: 'utf8', input: '', env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent', ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the executable in the background (for kill and server tests). */
export function shiplogChild(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawn(BIN, args, { cwd: opts.cwd, env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** In-process run with a fixed clock and captured output. */
export async function shiplogInProcess(args: string[], opts: { cwd: string; env?: Record<string, string>; now?: Date }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const saved = process.exitCode;
  process.exitCode = undefined;
  const code = await runCli(args, {
    stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, stdinIsTTY: false,
    env: { SHIPLOG_LOG_LEVEL: 'silent', ...opts.env }, cwd: opts.cwd, fetch: globalThis.fetch,
    clock: () => opts.now ?? new Date('2026-11-25T12:00:00Z'),
  });
  process.exitCode = saved;
  return { code, stdout, stderr };
}
