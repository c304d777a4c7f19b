// Benchmark: full `shiplog import gerrit-notedb` of the real operations/mediawiki-config
// mirror (20,506 changes in NoteDB), after `import git` of the same mirror so the
// change-id links are made too, against `git log --all --format=raw > /dev/null` on the
// same mirror in the same run (ratio, peak RSS, changes/s). Without the mirror it skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

export const MIRROR = '/work/.mirror/wikimedia+operations-mediawiki-config/repo';
const NAME = 'operations/mediawiki-config';

export async function run(opts: { mirror?: string } = {}): Promise<Record<string, unknown>> {
  const BIN = shiplogBin(); // the build users run
  const mirror = opts.mirror ?? MIRROR;
  if (!existsSync(mirror)) {
    const figures = { skipped: `no mirror at ${mirror} (bring github:wikimedia/operations-mediawiki-config with the fetch tool)` };
    printFigures('gerrit-notedb import', figures);
    return figures;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-notedb-'));
  try {
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const load = loadavg()[0];
    const baseline = await measureCommand('git', ['-C', mirror, 'log', '--all', '--format=raw']);
    const db = join(dir, 'bench.duckdb');
    const git = await measureCommand(BIN, ['--db', db, 'import', 'git', mirror, '--name', NAME], { env });
    if (git.code !== 0) throw new Error(`import git failed: ${git.stderr}`);
    const notedb = await measureCommand(BIN, ['--db', db, 'import', 'gerrit-notedb', mirror, '--name', NAME], { env });
    if (notedb.code !== 0) throw new Error(`import gerrit-notedb failed: ${notedb.stderr}`);
    const again = await measureCommand(BIN, ['--db', db, 'import', 'gerrit-notedb', mirror, '--name', NAME], { env });
    const counts = await measureCommand(BIN, ['--db', db, '--json', 'sql',
      `SELECT (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM patchsets) AS patchsets,
              (SELECT count(*) FROM votes) AS votes, (SELECT count(*) FROM votes WHERE removed) AS vote_removals,
              (SELECT count(*) FROM change_messages) AS change_messages, (SELECT count(*) FROM ci_builds WHERE system = 'zuul') AS ci_builds,
              (SELECT count(*) FROM links WHERE rule = 'change-id') AS change_id_links,
              (SELECT count(*) FROM rejects WHERE source = 'gerrit-notedb') AS rejects`], { env, keepStdout: true });
    const c = JSON.parse(counts.stdout) as Record<string, number>[] | { rows: Record<string, number>[] };
    const row = Array.isArray(c) ? c[0] : c.rows[0];
    const figures = {
      ...row,
      'load average at start (1 min)': Math.round(load * 100) / 100,
      'git log --all --format=raw (ms)': Math.round(baseline.ms),
      'shiplog import git (ms)': Math.round(git.ms),
      'shiplog import gerrit-notedb (ms)': Math.round(notedb.ms),
      'git + gerrit-notedb (ms)': Math.round(git.ms + notedb.ms),
      'gerrit-notedb / git log ratio': ratio(notedb.ms, baseline.ms),
      'git + gerrit-notedb / git log ratio': ratio(git.ms + notedb.ms, baseline.ms),
      'gerrit-notedb changes/s': Math.round(Number(row.changes) / (notedb.ms / 1000)),
      'gerrit-notedb peak RSS (MB)': notedb.peakRssMb,
      'git log peak RSS (MB)': baseline.peakRssMb,
      're-import gerrit-notedb, nothing new (ms)': Math.round(again.ms),
      'target git + gerrit-notedb (ms)': 60_000,
    };
    printFigures('gerrit-notedb import', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
