// Measuring helpers for the benchmarks: wall time and peak RSS of a child process
// (read from /proc/<pid>/status VmHWM while it runs), and formatting of the figures.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface Measured {
  ms: number;
  peakRssMb: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // the process has exited between two polls
  }
}

/** Runs a command to completion; stdout can be discarded (like `> /dev/null`). */
export function measureCommand(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; keepStdout?: boolean } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let peak = 0;
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setInterval(() => {
      const kb = child.pid ? vmHwmKb(child.pid) : null;
      if (kb && kb > peak) peak = kb;
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, peakRssMb: peak ? Math.round(peak / 1024) : null, code: code ?? -1, stdout, stderr });
    });
  });
}

/** The command users run: bin/shiplog on the build in dist/ (never the TypeScript sources). */
export function shiplogBin(): string {
  const bin = new URL('../bin/shiplog', import.meta.url).pathname;
  if (!existsSync(new URL('../dist/cli/bin.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` before the benchmarks');
  return bin;
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

export function printFigures(name: string, figures: Record<string, unknown>): void {
  console.log(`\n== ${name}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(36)} ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`);
}
