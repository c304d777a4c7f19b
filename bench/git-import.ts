// Benchmark: `shiplog import git` of a generated 100k-commit repository against
// `git log --format=raw` of the same repository in the same run (ratio, peak RSS),
// then renormalize throughput (rows/s) on the imported store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo } from '../test/helpers/repo.ts';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

export async function run(opts: { commits?: number } = {}): Promise<Record<string, unknown>> {
  const BIN = shiplogBin(); // the build users run
  const commits = opts.commits ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-git-'));
  try {
    const repo = await makeRepo(join(dir, 'repo.git'), commits, 42);
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const baseline = await measureCommand('git', ['-C', repo, 'log', '--format=raw']);
    const baselineNames = await measureCommand('git', ['-C', repo, 'log', '--format=raw', '--name-only', '--no-renames', '--topo-order', '--reverse']);
    const db = join(dir, 'bench.duckdb');
    const imp = await measureCommand(BIN, ['--db', db, 'import', 'git', repo, '--name', 'bench/repo'], { env });
    if (imp.code !== 0) throw new Error(`import failed: ${imp.stderr}`);
    const again = await measureCommand(BIN, ['--db', db, 'import', 'git', repo, '--name', 'bench/repo'], { env });
    const renorm = await measureCommand(BIN, ['--db', db, '--json', 'renormalize', 'git'], { env, keepStdout: true });
    const rows = JSON.parse(renorm.stdout).summaries[0].seen as number;
    const figures = {
      commits,
      'git log --format=raw (ms)': Math.round(baseline.ms),
      'git log + names, topo, reverse (ms)': Math.round(baselineNames.ms),
      'shiplog import git (ms)': Math.round(imp.ms),
      'import / git log ratio': ratio(imp.ms, baseline.ms),
      'import / git log+names ratio': ratio(imp.ms, baselineNames.ms),
      'import commits/s': Math.round(commits / (imp.ms / 1000)),
      'import peak RSS (MB)': imp.peakRssMb,
      're-import, nothing new (ms)': Math.round(again.ms),
      'renormalize raw records': rows,
      'renormalize (ms)': Math.round(renorm.ms),
      'renormalize records/s': Math.round(rows / (renorm.ms / 1000)),
      'renormalize peak RSS (MB)': renorm.peakRssMb,
    };
    printFigures('git import', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
