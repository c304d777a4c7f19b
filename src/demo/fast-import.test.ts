// The repository writer lays out a bare repository git accepts, and computes a root
// commit's id exactly as git does (the NoteDB writer puts it in `Commit:` footers).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rootCommitId, writeRepo, type FastCommit } from './fast-import.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-fast-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeRepo and rootCommitId', () => {
  it('gives the ids git gives, for nested paths, sorted names and non-ASCII text', async () => {
    const who = { name: 'Zoë Sato', email: 'zoe@example.org', at: new Date('2026-03-04T05:06:07.890Z') };
    const commits: FastCommit[] = [
      { ref: 'refs/changes/01/1/1', author: who, committer: who, message: 'Fix the parser\n\nChange-Id: I0\n', files: [{ path: 'includes/parser/Parser.php', content: '<?php\n' }] },
      { ref: 'refs/changes/02/2/1', author: who, committer: { ...who, name: 'Gerrit' }, message: 'Ünïcode ✓\n', files: [
        { path: 'a.b', content: 'x' }, { path: 'a/c', content: 'y' }, { path: 'a-b', content: 'z' }, { path: 'README', content: '' },
      ] },
    ];
    const repo = join(dir, 'repo.git');
    await writeRepo(repo, commits);
    for (const c of commits) {
      expect(rootCommitId(c), c.ref).toBe(execFileSync('git', ['-C', repo, 'rev-parse', c.ref], { encoding: 'utf8' }).trim());
    }
    expect(execFileSync('git', ['-C', repo, 'fsck', '--no-progress'], { encoding: 'utf8' })).toBe('');
  });
});
