// Benchmark: full `shiplog import git` of the real operations/mediawiki-config mirror,
// including config deployments and trains, against `git log --all --format=raw >
// /dev/null` on the same mirror in the same run (ratio, peak RSS). The mirror is brought
// with the fetch tool under /work/.mirror; without it the suite says so and skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

export const MIRROR = '/work/.mirror/wikimedia+operations-mediawiki-config/repo';

export async function run(opts: { mirror?: string } = {}): Promise<Record<string, unknown>> {
  const BIN = shiplogBin(); // the build users run
  const mirror = opts.mirror ?? MIRROR;
  if (!existsSync(mirror)) {
    const figures = { skipped: `no mirror at ${mirror} (bring github:wikimedia/operations-mediawiki-config with the fetch tool)` };
    printFigures('mediawiki-config import', figures);
    return figures;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-mwconfig-'));
  try {
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const baseline = await measureCommand('git', ['-C', mirror, 'log', '--all', '--format=raw']);
    const db = join(dir, 'bench.duckdb');
    const imp = await measureCommand(BIN, ['--db', db, 'import', 'git', mirror, '--name', 'operations/mediawiki-config'], { env });
    if (imp.code !== 0) throw new Error(`import failed: ${imp.stderr}`);
    const again = await measureCommand(BIN, ['--db', db, 'import', 'git', mirror, '--name', 'operations/mediawiki-config'], { env });
    const counts = await measureCommand(BIN, ['--db', db, '--json', 'sql',
      `SELECT (SELECT count(*) FROM commits) AS commits, (SELECT count(*) FROM deployments WHERE kind = 'config-merge') AS config_deploys,
              (SELECT count(*) FROM trains) AS trains,
              (SELECT count(DISTINCT commit_key) FROM train_events WHERE kind = 'rollback') AS rollback_commits`], { env, keepStdout: true });
    const c = JSON.parse(counts.stdout) as Record<string, number>[] | { rows: Record<string, number>[] };
    const row = Array.isArray(c) ? c[0] : c.rows[0];
    const figures = {
      ...row,
      'git log --all --format=raw (ms)': Math.round(baseline.ms),
      'shiplog import git incl. trains (ms)': Math.round(imp.ms),
      'import / git log ratio': ratio(imp.ms, baseline.ms),
      'import peak RSS (MB)': imp.peakRssMb,
      'git log peak RSS (MB)': baseline.peakRssMb,
      're-import, nothing new (ms)': Math.round(again.ms),
      'target (ms)': 60_000,
    };
    printFigures('mediawiki-config import', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
