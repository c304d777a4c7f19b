// config-deploy-submit on the real operations/mediawiki-config mirror, a bounded slice so it
// runs in seconds: a bare repository borrowing the mirror's objects (objects/info/alternates),
// master at the last first-parent commit before 2018-05-21 and `shallow` cut at the one
// before 2018-05-07 (two weeks, ~120 commits), and the NoteDB refs of changes 425000–436000.
// Checks 432962 (submitted 13:48:18 by Reedy's +2, committer time 09:06:47), no known change
// more than an hour from its submit, the project inferred without --name, and the same
// deployments whichever import comes first. Skips, saying why, when the mirror is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { deploys } from '../../metrics/deploys/deploys.ts';
import { runMetric } from '../../metrics/run.ts';
import { gerritNotedbSource } from '../../sources/gerrit-notedb/index.ts';
import { gitSource } from '../../sources/git/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';

const MIRROR = '/work/.mirror/wikimedia+operations-mediawiki-config/repo';
const PROJECT = 'operations/mediawiki-config';
const present = existsSync(join(MIRROR, 'objects'));
if (!present) console.warn(`config-deploy-submit mirror test skipped: ${MIRROR} is absent (bring it with the fetch tool)`);

const git = (dir: string, args: string[], input?: string) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 }).trim();

/** The slice: master and shallow cut by first-parent dates, the change refs of a number range. */
function slice(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-mwconfig-slice-'));
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '--quiet', '--bare']);
  writeFileSync(join(repo, 'objects', 'info', 'alternates'), `${join(MIRROR, 'objects')}\n`);
  const tip = git(MIRROR, ['rev-list', '-1', '--first-parent', '--before=2018-05-21T00:00:00Z', 'master']);
  const base = git(MIRROR, ['rev-list', '-1', '--first-parent', '--before=2018-05-07T00:00:00Z', 'master']);
  const boundary = git(MIRROR, ['rev-list', '--boundary', tip, `^${base}`]).split('\n').filter((l) => l.startsWith('-')).map((l) => l.slice(1));
  writeFileSync(join(repo, 'shallow'), `${boundary.join('\n')}\n`);
  const refs = git(MIRROR, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/changes/']).split('\n')
    .filter((l) => {
      const n = Number(l.split('/')[3]);
      return n >= 425000 && n <= 436000;
    });
  git(repo, ['update-ref', '--stdin'], [`create refs/heads/master ${tip}`, ...refs.map((l) => `create ${l.split(' ')[1]} ${l.split(' ')[0]}`)].join('\n') + '\n');
  git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/master']);
  return dir;
}

const dir = present ? slice() : '';
const repo = join(dir, 'repo');
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const deps = (store: Store) => ({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch });
const importGit = (store: Store) => runSource(deps(store), { source: gitSource, config: undefined, paths: [repo], options: { name: PROJECT, kind: 'mediawiki-config' } });
const importNotedb = (store: Store, name?: string) => runSource(deps(store), { source: gerritNotedbSource, config: undefined, paths: [repo], options: name ? { name } : {} });

describe.skipIf(!present)('real mirror slice: config deploys at their Gerrit submit', () => {
  it('lists 432962 at 13:48:18, contact Urbanecm, deployer Reedy; no known change off by more than an hour', async () => {
    const store = await openStore(':memory:');
    expect((await importGit(store)).errors).toEqual([]);
    const n = await importNotedb(store); // no --name: inferred from the Change-Ids of the commits just imported
    expect(n.errors).toEqual([]);
    expect(n.notes?.[0]).toMatch(/^named operations\/mediawiki-config \(no --name\): \d+ of \d+ sampled Change-Ids are commits of operations\/mediawiki-config$/);

    const r = await runMetric(deploys, { store, clock: () => new Date('2026-01-01T00:00:00Z') }, { since: '2018-05-14T13:00:00Z', until: '2018-05-14T14:00:00Z' });
    const row = r.rows.find((x) => x.change_number === 432962);
    expect(row).toMatchObject({ started_at: new Date('2018-05-14T13:48:18Z'), kind: 'config-merge', contact: 'Urbanecm', contact_from: 'change owner', deployer: 'Reedy', time_basis: 'gerrit-submit' });

    const [counts] = await store.all<Record<string, number>>(`
      SELECT count(*)::INTEGER AS known,
             (count(*) FILTER (WHERE abs(epoch(d.started_at) - epoch(c.merged_at)) > 3600))::INTEGER AS off_now,
             (count(*) FILTER (WHERE abs(epoch(g.committed_at) - epoch(c.merged_at)) > 3600))::INTEGER AS off_by_commit_time
        FROM deployments d
        JOIN deployment_items i ON i.deploy_key = d.deploy_key AND i.change_key IS NOT NULL
        JOIN changes c ON c.change_key = i.change_key AND c.status = 'merged' AND c.branch = 'master'
        JOIN commits g ON d.deploy_key = 'deploy:git:' || g.sha
       WHERE d.kind = 'config-merge'`);
    expect(counts.known).toBeGreaterThan(50);
    expect(counts.off_now).toBe(0);
    expect(counts.off_by_commit_time).toBeGreaterThan(0); // 432962 among them: the fix is not vacuous
    expect(await store.all("SELECT DISTINCT time_basis FROM deployments WHERE kind = 'config-merge' ORDER BY 1"))
      .toEqual(expect.arrayContaining([{ time_basis: 'gerrit-submit' }]));
    await store.close();
  }, 120_000);

  it('gives the same deployments and links when NoteDB comes before git', async () => {
    const a = await openStore(':memory:');
    await importGit(a);
    await importNotedb(a, PROJECT);
    const b = await openStore(':memory:');
    await importNotedb(b, PROJECT);
    await importGit(b);
    for (const q of [
      'SELECT * EXCLUDE (raw_id) FROM deployments ORDER BY deploy_key',
      'SELECT * EXCLUDE (raw_id) FROM deployment_items ORDER BY item_key',
      "SELECT src_key, dst_key, rule, evidence, first_seen_at FROM links WHERE rule IN ('config-deploy', 'config-deploy-change', 'change-id') ORDER BY ALL",
    ]) expect(await b.all(q)).toEqual(await a.all(q));
    await a.close();
    await b.close();
  }, 120_000);
});
