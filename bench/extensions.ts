// Benchmark: `shiplog import extensions` (whole process, the built bin/shiplog, a fresh
// database each run) on the real Echo, Cite and Math mirrors against `git log
// --first-parent -p` over the same watched files, and `shiplog import ci-config` on
// integration/config against `git log --first-parent -p -- zuul/layout.yaml`, in the same
// run, interleaved, median of N runs, peak RSS. Mirrors absent: that repository is skipped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { watchedPaths } from '../src/sources/extensions/watched.ts';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

const MIRRORS = '/work/.mirror';
const CASES = [
  { name: 'Echo', source: 'extensions', repo: 'mediawiki/extensions/Echo', path: `${MIRRORS}/wikimedia+mediawiki-extensions-Echo/repo` },
  { name: 'Cite', source: 'extensions', repo: 'mediawiki/extensions/Cite', path: `${MIRRORS}/wikimedia+mediawiki-extensions-Cite/repo` },
  { name: 'Math', source: 'extensions', repo: 'mediawiki/extensions/Math', path: `${MIRRORS}/wikimedia+mediawiki-extensions-Math/repo` },
  { name: 'integration-config', source: 'ci-config', repo: 'integration/config', path: `${MIRRORS}/wikimedia+integration-config/repo` },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function run(opts: { runs?: number; only?: string[] } = {}): Promise<Record<string, unknown>> {
  const BIN = shiplogBin();
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
  const out: Record<string, unknown> = { runs, 'load average (1 min) at start': Math.round(loadavg()[0] * 100) / 100 };
  for (const c of CASES) {
    if (opts.only && !opts.only.includes(c.name)) continue;
    if (!existsSync(c.path)) {
      out[c.name] = `skipped: ${c.path} is not on this machine`;
      continue;
    }
    const files = c.source === 'extensions' ? [...watchedPaths(c.repo)] : ['zuul/layout.yaml'];
    const floor: number[] = [];
    const imp: number[] = [];
    let rss = 0;
    let floorRss = 0;
    for (let i = 0; i < runs; i++) {
      const g = await measureCommand('git', ['-C', c.path, 'log', '--first-parent', '-p', '--', ...files]);
      floor.push(g.ms);
      floorRss = Math.max(floorRss, g.peakRssMb ?? 0);
      const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-ext-'));
      try {
        const m = await measureCommand(BIN, ['--db', join(dir, 'b.duckdb'), 'import', c.source, c.path, '--name', c.repo], { env });
        if (m.code !== 0) throw new Error(`${c.name}: import failed: ${m.stderr}`);
        imp.push(m.ms);
        rss = Math.max(rss, m.peakRssMb ?? 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const figures = {
      [`git log --first-parent -p (ms, median of ${runs})`]: Math.round(median(floor)),
      [`shiplog import ${c.source} (ms, median of ${runs})`]: Math.round(median(imp)),
      'import / git log -p ratio': ratio(median(imp), median(floor)),
      'import runs (ms)': imp.map(Math.round).join(', '),
      'git log runs (ms)': floor.map(Math.round).join(', '),
      'import peak RSS (MB)': rss,
      'git log peak RSS (MB)': floorRss,
    };
    printFigures(`${c.source}: ${c.name}`, figures);
    out[c.name] = figures;
  }
  out['load average (1 min) at end'] = Math.round(loadavg()[0] * 100) / 100;
  return out;
}
