// A git repository written commit by commit with git itself, for source tests that read
// history: files set or removed per commit, chosen author and committer, dated commits,
// and Gerrit-style merge commits (the merged commit's author differs from the merger's).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Who {
  name: string;
  email: string;
}

export const HUMAN: Who = { name: 'Ada Lovelace', email: 'ada@example.org' };
export const LIBUP: Who = { name: 'libraryupgrader', email: 'tools.libraryupgrader@tools.wmflabs.org' };
export const L10N: Who = { name: 'Translation updater bot', email: 'l10n-bot@translatewiki.net' };
export const JENKINS: Who = { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' };
export const GERRIT: Who = { name: 'Gerrit Code Review', email: 'gerrit@wikimedia.org' };

export interface History {
  dir: string;
  commit(iso: string, msg: string, files: Record<string, string | null>, who?: { author?: Who; committer?: Who }): string;
  /** A side branch from HEAD with one commit by `author`, merged with --no-ff by jenkins-bot/Gerrit at `iso`. */
  merge(iso: string, msg: string, files: Record<string, string | null>, author: Who): string;
  remove(): void;
}

export function gitHistory(prefix = 'shiplog-history-'): History {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  git(['init', '--quiet', '--initial-branch=master']);
  const stage = (files: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) git(['rm', '-r', '--quiet', path]);
      else {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), content);
        git(['add', path]);
      }
    }
  };
  const env = (iso: string, a: Who, c: Who) => ({
    GIT_AUTHOR_NAME: a.name, GIT_AUTHOR_EMAIL: a.email, GIT_COMMITTER_NAME: c.name, GIT_COMMITTER_EMAIL: c.email,
    GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso,
  });
  const commit: History['commit'] = (iso, msg, files, who = {}) => {
    stage(files);
    git(['commit', '--quiet', '--allow-empty', '-m', msg], env(iso, who.author ?? HUMAN, who.committer ?? who.author ?? HUMAN));
    return git(['rev-parse', 'HEAD']);
  };
  const merge: History['merge'] = (iso, msg, files, author) => {
    git(['checkout', '--quiet', '-b', 'side']);
    commit(iso, msg, files, { author });
    git(['checkout', '--quiet', 'master']);
    git(['merge', '--quiet', '--no-ff', '-m', `Merge "${msg}"`, 'side'], env(iso, JENKINS, GERRIT));
    git(['branch', '--quiet', '-D', 'side']);
    return git(['rev-parse', 'HEAD']);
  };
  return { dir, commit, merge, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
