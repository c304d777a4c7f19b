// Benchmark: how long the installed command takes to start. Whole processes, in the same
// run: bare `node -e 0` (the floor), `shiplog --help` (target: at most 2× the floor) and
// `shiplog --db X status` on a database of SAL entries; each several times, median wall
// time and peak RSS (from /usr/bin/time -v when present, else /proc VmHWM polling).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { salLines } from './sal.ts';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

const TIME = '/usr/bin/time';

interface Sample {
  ms: number;
  rssMb: number | null;
}

/** One run of cmd: wall time measured here, peak RSS as /usr/bin/time -v reports it. */
function once(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  if (!existsSync(TIME)) return measureCommand(cmd, args, { env }).then((m) => ({ ms: m.ms, rssMb: m.peakRssMb }));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(TIME, ['-v', cmd, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-400)}`));
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
      resolve({ ms, rssMb: kb ? Math.round(Number(kb) / 1024) : null });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The runs of each command interleaved, so a burst of load hits all of them alike. */
async function compare(commands: Record<string, [string, string[]]>, runs: number, env: NodeJS.ProcessEnv) {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, [cmd, args]] of Object.entries(commands)) samples[name].push(await once(cmd, args, env));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, {
    ms: Math.round(median(s.map((x) => x.ms))),
    rssMb: median(s.map((x) => x.rssMb ?? 0)) || null,
  }]));
}

export async function run(opts: { runs?: number; entries?: number } = {}): Promise<Record<string, unknown>> {
  const runs = opts.runs ?? 9;
  const entries = opts.entries ?? 20_000;
  const bin = shiplogBin();
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-startup-'));
  const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
  try {
    const input = join(dir, 'sal.ndjson');
    writeFileSync(input, `${[...salLines(entries)].join('\n')}\n`);
    const db = join(dir, 'status.duckdb');
    const imp = await measureCommand(bin, ['--db', db, 'import', 'sal', input], { env });
    if (imp.code !== 0) throw new Error(`import sal failed: ${imp.stderr}`);
    const m = await compare({
      node: [process.execPath, ['-e', '0']],
      help: [bin, ['--help']],
      version: [bin, ['--version']],
      status: [bin, ['--db', db, 'status']],
    }, runs, env);
    const figures = {
      runs,
      'node -e 0 (ms, median)': m.node.ms,
      'shiplog --help (ms, median)': m.help.ms,
      'shiplog --version (ms, median)': m.version.ms,
      [`shiplog --db X status, ${entries} SAL entries (ms, median)`]: m.status.ms,
      'shiplog --help / node -e 0 (target ≤ 2)': ratio(m.help.ms, m.node.ms),
      'shiplog status / node -e 0': ratio(m.status.ms, m.node.ms),
      'node -e 0 peak RSS (MB)': m.node.rssMb,
      'shiplog --help peak RSS (MB)': m.help.rssMb,
      'shiplog status peak RSS (MB)': m.status.rssMb,
      'shiplog --help / node RSS': m.help.rssMb && m.node.rssMb ? ratio(m.help.rssMb, m.node.rssMb) : null,
    };
    printFigures('startup', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
