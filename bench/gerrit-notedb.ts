// Benchmark: `shiplog import gerrit-notedb` of the real operations/mediawiki-config mirror
// (20,506 changes in NoteDB) into a fresh DuckDB file, against `git log --format=raw` over the
// same refs (refs/changes/*/*/meta), each a whole process under /usr/bin/time -v, in turn,
// BENCH_RUNS times (default 3). Target: shiplog/git log ≤ 3, peak RSS < 600 MB. Then a
// re-import with nothing new, and what was stored. Without the mirror it skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns, printFigures, shiplogBin, timeV } from './lib.ts';
import { counts, MIRROR, NAME } from './mediawiki-config.ts';

export async function run(opts: { mirror?: string; runs?: number } = {}): Promise<Record<string, unknown>> {
  const bin = shiplogBin(); // the build users run
  const mirror = opts.mirror ?? MIRROR;
  if (!existsSync(mirror)) {
    const figures = { skipped: `no mirror at ${mirror} (bring github:wikimedia/operations-mediawiki-config with the fetch tool)` };
    printFigures('gerrit-notedb import', figures);
    return figures;
  }
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-notedb-'));
  try {
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const db = join(dir, 'bench.duckdb');
    const cmp = await compareRuns('import gerrit-notedb', {
      runs, ratio: 'slowdown',
      baseline: () => timeV('git', ['-C', mirror, 'log', '--format=raw', '--glob=refs/changes/*/*/meta']),
      prepare: () => {
        rmSync(db, { force: true });
        rmSync(`${db}.wal`, { force: true });
      },
      ours: () => timeV(bin, ['--db', db, 'import', 'gerrit-notedb', mirror, '--name', NAME], { env }),
    });
    const again = await timeV(bin, ['--db', db, 'import', 'gerrit-notedb', mirror, '--name', NAME], { env });
    const row = await counts(bin, db,
      `SELECT (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM patchsets) AS patchsets,
              (SELECT count(*) FROM votes) AS votes, (SELECT count(*) FROM change_messages) AS change_messages,
              (SELECT count(*) FROM ci_builds WHERE system = 'zuul') AS ci_builds,
              (SELECT count(*) FROM rejects WHERE source = 'gerrit-notedb') AS rejects`);
    const figures = {
      ...row,
      ...cmp.figures,
      're-import, nothing new (s)': Math.round(again.ms / 10) / 100,
      're-import peak RSS (MB)': again.rssMb,
    };
    printFigures('gerrit-notedb: import against git log over refs/changes/*/*/meta', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
