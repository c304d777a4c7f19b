// Measuring helpers for the benchmarks: wall time and peak RSS of a child process
// (read from /proc/<pid>/status VmHWM while it runs), and formatting of the figures.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

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

export interface TimedRun {
  ms: number;
  userS: number;
  sysS: number;
  rssMb: number;
  code: number;
  stdout: string;
  stderr: string;
  /** 1-minute load average when the run started. */
  load: number;
}

/** Runs a whole process under `/usr/bin/time -v`: wall time, CPU time and peak RSS as the kernel counts them. */
export function timeV(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; keepStdout?: boolean } = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const load = loadavg()[0];
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const num = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? NaN);
      const tail = stderr.lastIndexOf('\tCommand being timed:');
      resolve({
        ms, userS: num(/User time \(seconds\): ([\d.]+)/), sysS: num(/System time \(seconds\): ([\d.]+)/),
        rssMb: Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024), code: code ?? -1,
        stdout, stderr: tail >= 0 ? stderr.slice(0, tail) : stderr, load: Math.round(load * 100) / 100,
      });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const sec = (ms: number) => Math.round(ms / 10) / 100;

export interface Compared {
  figures: Record<string, unknown>;
  ours: TimedRun[];
  baseline: TimedRun[];
}

/**
 * Runs the shiplog command and its baseline in turn, `runs` times each, in the same run (the
 * machine is shared: a ratio of runs far apart means little). `prepare` runs before each of
 * ours (a fresh database). Figures: every time, both medians, the ratio of the medians (as
 * "baseline / ours", so 0.5× means half as fast), CPU times, peak RSS and the load beside them.
 */
export async function compareRuns(label: string, opts: {
  runs: number;
  ours: () => Promise<TimedRun>;
  baseline: () => Promise<TimedRun>;
  prepare?: () => void;
  /** How the ratio reads: `speed` = baseline/ours (≥ target), `slowdown` = ours/baseline (≤ target). */
  ratio: 'speed' | 'slowdown';
}): Promise<Compared> {
  const ours: TimedRun[] = [];
  const baseline: TimedRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const b = await opts.baseline();
    if (b.code !== 0) throw new Error(`${label}: baseline exited ${b.code}: ${b.stderr.slice(-400)}`);
    baseline.push(b);
    opts.prepare?.();
    const o = await opts.ours();
    if (o.code !== 0) throw new Error(`${label}: shiplog exited ${o.code}: ${o.stderr.slice(-400)}`);
    ours.push(o);
    console.log(`  ${label} run ${i + 1}: shiplog ${sec(o.ms)} s (${o.userS}+${o.sysS} s CPU, ${o.rssMb} MB, load ${o.load}), baseline ${sec(b.ms)} s (${b.userS}+${b.sysS} s CPU, ${b.rssMb} MB, load ${b.load})`);
  }
  const mo = median(ours.map((r) => r.ms));
  const mb = median(baseline.map((r) => r.ms));
  const cpu = (r: TimedRun) => r.userS + r.sysS;
  const co = median(ours.map(cpu));
  const cb = median(baseline.map(cpu));
  const figures: Record<string, unknown> = {
    [`${label}: shiplog times (s)`]: ours.map((r) => sec(r.ms)).join(', '),
    [`${label}: baseline times (s)`]: baseline.map((r) => sec(r.ms)).join(', '),
    [`${label}: shiplog median (s)`]: sec(mo),
    [`${label}: baseline median (s)`]: sec(mb),
    [`${label}: ratio (${opts.ratio === 'speed' ? 'baseline/shiplog' : 'shiplog/baseline'}, medians)`]: opts.ratio === 'speed' ? ratio(mb, mo) : ratio(mo, mb),
    [`${label}: CPU ratio (${opts.ratio === 'speed' ? 'baseline/shiplog' : 'shiplog/baseline'}, user+sys medians)`]: opts.ratio === 'speed' ? ratio(cb, co) : ratio(co, cb),
    [`${label}: shiplog CPU median (s)`]: Math.round(co * 100) / 100,
    [`${label}: baseline CPU median (s)`]: Math.round(cb * 100) / 100,
    [`${label}: shiplog peak RSS, max of runs (MB)`]: Math.max(...ours.map((r) => r.rssMb)),
    [`${label}: baseline peak RSS (MB)`]: Math.max(...baseline.map((r) => r.rssMb)),
    [`${label}: load (1 min) at the runs`]: ours.map((r) => r.load).join(', '),
  };
  return { figures, ours, baseline };
}
