// A NoteDB mirror imported without --name: named after the repository whose commits carry
// its Change-Ids, else after its remote URL; changes that match no known repository are
// counted in the import summary and in the status.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNoteDb, type NoteDbChange } from '../../demo/emit/notedb-writer.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { readStatus } from '../../sync/status.ts';
import { gitSource } from '../git/index.ts';
import { changeIdsIn, pickRepo, projectOfRemote, sampleMetaRefs } from './infer-project.ts';
import { gerritNotedbSource } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-infer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const alice = { id: 1001, name: 'Alice', email: 'alice@example.org' };
const cid = (c: string) => `I${c.repeat(40)}`;
const at = (m: number) => new Date(Date.UTC(2019, 6, 4, 5, m));

function change(number: number, changeId: string): NoteDbChange {
  return {
    number,
    patchsets: [{ number: 1, uploader: alice, at: at(number % 50), message: `Change ${number}\n\nChange-Id: ${changeId}\n` }],
    updates: [{ patchset: 1, author: alice, at: at(number % 50), message: 'Uploaded patch set 1.', footers: [['Change-id', changeId], ['Subject', `Change ${number}`], ['Branch', 'refs/heads/master']] }],
  };
}

function repoWith(name: string, changeIds: string[]): string {
  const path = join(dir, name);
  mkdirSync(path);
  const git = (args: string[]) => execFileSync('git', ['-C', path, ...args], {
    encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
  });
  git(['init', '--quiet', '--initial-branch=master']);
  changeIds.forEach((id, i) => {
    writeFileSync(join(path, 'f'), `${i}\n`);
    git(['add', 'f']);
    git(['commit', '--quiet', '-m', `Commit ${i}\n\nChange-Id: ${id}`]);
  });
  return path;
}

const deps = (store: Store) => ({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch });

describe('inferring a NoteDB mirror\'s project', () => {
  it('samples meta refs evenly and reads Change-Ids, remotes and the clear winner', () => {
    const refs = Array.from({ length: 10 }, (_, i) => `abc refs/changes/${String(i + 1).padStart(2, '0').slice(-2)}/${i + 1}/meta`);
    expect(sampleMetaRefs([...refs, 'abc refs/changes/01/1/1'].join('\n'), 5)).toEqual(
      [1, 3, 5, 7, 9].map((n) => `refs/changes/${String(n).padStart(2, '0')}/${n}/meta`));
    expect(changeIdsIn(`Create change\n\nPatch-set: 1\nChange-id: ${cid('a')}\n\nChange-id: ${cid('a')}\n`)).toEqual([cid('a')]);
    expect(projectOfRemote('https://gerrit.wikimedia.org/r/operations/mediawiki-config.git')).toBe('operations/mediawiki-config');
    expect(projectOfRemote('ssh://bob@gerrit.wikimedia.org:29418/mediawiki/extensions/Echo')).toBe('mediawiki/extensions/Echo');
    expect(projectOfRemote('https://gerrit.wikimedia.org/r/a/mediawiki/core')).toBe('mediawiki/core');
    expect(projectOfRemote('git@github.com:wikimedia/operations-mediawiki-config.git')).toBe('wikimedia/operations-mediawiki-config');
    expect(pickRepo(10, [{ repo: 'a', n: 8 }, { repo: 'b', n: 1 }])).toEqual({ name: 'a', basis: '8 of 10 sampled Change-Ids are commits of a' });
    expect(pickRepo(10, [{ repo: 'a', n: 3 }, { repo: 'b', n: 2 }])).toBeNull();
    expect(pickRepo(10, [])).toBeNull();
  });

  it('names the mirror after the repository holding its Change-Ids, and says so', async () => {
    const ids = ['a', 'b', 'c'].map(cid);
    const repo = repoWith('mediawiki-config', ids);
    const mirror = join(dir, 'by-change-id.git');
    await writeNoteDb(mirror, ids.map((id, i) => change(100 + i, id)));
    const store = await openStore(':memory:');
    await runSource(deps(store), { source: gitSource, config: undefined, paths: [repo], options: { name: 'operations/mediawiki-config' } });
    const s = await runSource(deps(store), { source: gerritNotedbSource, config: undefined, paths: [mirror], options: {} });
    expect(s.errors).toEqual([]);
    expect(s.notes).toEqual(['named operations/mediawiki-config (no --name): 3 of 3 sampled Change-Ids are commits of operations/mediawiki-config']);
    expect(await store.all('SELECT DISTINCT project FROM changes')).toEqual([{ project: 'operations/mediawiki-config' }]);
    expect(await store.all("SELECT scope FROM sync_state WHERE source = 'gerrit-notedb'")).toEqual([{ scope: 'operations/mediawiki-config' }]);
    expect(await store.all("SELECT count(*)::INTEGER AS n FROM links WHERE rule = 'change-id'")).toEqual([{ n: 3 }]);
    expect((await readStatus(store, new Date())).unmatched_changes).toEqual([]);
    await store.close();
  });

  it('falls back to the remote URL, then to the folder name with the unmatched changes counted', async () => {
    const store = await openStore(':memory:');
    const byRemote = join(dir, 'by-remote.git');
    await writeNoteDb(byRemote, [change(200, cid('d'))]);
    execFileSync('git', ['-C', byRemote, 'config', 'remote.origin.url', 'https://gerrit.wikimedia.org/r/mediawiki/extensions/Echo.git']);
    const r = await runSource(deps(store), { source: gerritNotedbSource, config: undefined, paths: [byRemote], options: {} });
    expect(r.notes?.[0]).toBe("named mediawiki/extensions/Echo (no --name): the mirror's remote URL https://gerrit.wikimedia.org/r/mediawiki/extensions/Echo.git");
    const lost = join(dir, 'lost.git');
    await writeNoteDb(lost, [change(300, cid('e')), change(301, cid('f'))]);
    const l = await runSource(deps(store), { source: gerritNotedbSource, config: undefined, paths: [lost], options: {} });
    expect(l.notes).toEqual([
      '2 changes of project lost match no known repository (commits and config deploys will not join them; import the repository, or give --name)',
      '1 change of project mediawiki/extensions/Echo matches no known repository (commits and config deploys will not join them; import the repository, or give --name)',
    ]);
    expect((await readStatus(store, new Date())).unmatched_changes).toEqual([
      { project: 'lost', changes: 2 }, { project: 'mediawiki/extensions/Echo', changes: 1 },
    ]);
    await store.close();
  });
});
