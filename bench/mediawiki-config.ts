// Benchmark: `shiplog import git` of the real operations/mediawiki-config mirror (commits,
// config deployments, trains) into a fresh DuckDB file, against `git log --all --format=raw`
// of the same mirror, each a whole process under /usr/bin/time -v, in turn, BENCH_RUNS times
// (default 3). Target: shiplog/git log ≤ 3, peak RSS < 600 MB. Then a re-import with nothing
// new. The mirror is brought with the fetch tool under /work/.mirror (never committed);
// without it the suite says so and skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns, printFigures, shiplogBin, timeV } from './lib.ts';

export const MIRROR = '/work/.mirror/wikimedia+operations-mediawiki-config/repo';
export const NAME = 'operations/mediawiki-config';

/** Counts of what an import stored, by one `shiplog sql` process. */
export async function counts(bin: string, db: string, sql: string): Promise<Record<string, number>> {
  const r = await timeV(bin, ['--db', db, '--json', 'sql', sql], { env: { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' }, keepStdout: true });
  const c = JSON.parse(r.stdout) as Record<string, number>[] | { rows: Record<string, number>[] };
  return Array.isArray(c) ? c[0] : c.rows[0];
}

export async function run(opts: { mirror?: string; runs?: number } = {}): Promise<Record<string, unknown>> {
  const bin = shiplogBin(); // the build users run
  const mirror = opts.mirror ?? MIRROR;
  if (!existsSync(mirror)) {
    const figures = { skipped: `no mirror at ${mirror} (bring github:wikimedia/operations-mediawiki-config with the fetch tool)` };
    printFigures('mediawiki-config import', figures);
    return figures;
  }
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-mwconfig-'));
  try {
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const db = join(dir, 'bench.duckdb');
    const cmp = await compareRuns('import git', {
      runs, ratio: 'slowdown',
      baseline: () => timeV('git', ['-C', mirror, 'log', '--all', '--format=raw']),
      prepare: () => {
        rmSync(db, { force: true });
        rmSync(`${db}.wal`, { force: true });
      },
      ours: () => timeV(bin, ['--db', db, 'import', 'git', mirror, '--name', NAME], { env }),
    });
    const again = await timeV(bin, ['--db', db, 'import', 'git', mirror, '--name', NAME], { env });
    const row = await counts(bin, db,
      `SELECT (SELECT count(*) FROM commits) AS commits, (SELECT count(*) FROM deployments WHERE kind = 'config-merge') AS config_deploys,
              (SELECT count(*) FROM trains) AS trains,
              (SELECT count(DISTINCT commit_key) FROM train_events WHERE kind = 'rollback') AS rollback_commits`);
    const figures = {
      ...row,
      ...cmp.figures,
      're-import, nothing new (s)': Math.round(again.ms / 10) / 100,
      're-import peak RSS (MB)': again.rssMb,
    };
    printFigures('mediawiki-config: import git against git log --all', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
