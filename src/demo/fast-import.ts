// Writes git repositories quickly with `git fast-import` (one process per repository,
// the history streamed on stdin), for the demo world and the benchmarks. The bare
// repository is laid out here rather than by `git init`: a process fewer per repository.
import { spawn } from 'node:child_process';
import { track } from './children.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FastCommit {
  ref: string; // refs/heads/master
  author: { name: string; email: string; at: Date };
  committer: { name: string; email: string; at: Date };
  message: string;
  files: { path: string; content: string }[];
  /** Paths removed by the commit. */
  deletes?: string[];
  /** Parent mark or sha; default: previous commit on the same ref. */
  from?: string;
  mark?: number;
}

function sig(s: { name: string; email: string; at: Date }): string {
  return `${s.name} <${s.email}> ${Math.floor(s.at.getTime() / 1000)} +0000`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

export function fastImportChunk(c: FastCommit): string {
  let out = `commit ${c.ref}\n`;
  if (c.mark) out += `mark :${c.mark}\n`;
  out += `author ${sig(c.author)}\ncommitter ${sig(c.committer)}\n${data(c.message)}`;
  if (c.from) out += `from ${c.from}\n`;
  for (const p of c.deletes ?? []) out += `D ${p}\n`;
  for (const f of c.files) out += `M 100644 inline ${f.path}\n${data(f.content)}`;
  return out;
}

/** What `git init --bare` lays out that git needs: HEAD, config, objects/ and refs/. */
export function initBare(dir: string, head = 'master'): void {
  for (const d of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'HEAD'), `ref: refs/heads/${head}\n`);
  writeFileSync(join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n');
}

const gitHash = (kind: string, body: Buffer): Buffer =>
  createHash('sha1').update(`${kind} ${body.length}\0`).update(body).digest();

/** The tree id of a set of files (paths with `/`), as git computes it. */
function treeOf(files: { path: string; content: string }[]): Buffer {
  const entries = new Map<string, Buffer | { path: string; content: string }[]>();
  for (const f of files) {
    const slash = f.path.indexOf('/');
    if (slash < 0) entries.set(f.path, gitHash('blob', Buffer.from(f.content)));
    else {
      const dir = f.path.slice(0, slash);
      const sub = entries.get(dir);
      const rest = { path: f.path.slice(slash + 1), content: f.content };
      if (Array.isArray(sub)) sub.push(rest);
      else entries.set(dir, [rest]);
    }
  }
  // git sorts entries by name, a tree's name compared as if it ended in "/"
  const named = [...entries].map(([name, v]) => ({ name, tree: Array.isArray(v), id: Array.isArray(v) ? treeOf(v) : v }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.tree ? `${a.name}/` : a.name), Buffer.from(b.tree ? `${b.name}/` : b.name)));
  return gitHash('tree', Buffer.concat(named.flatMap((e) => [Buffer.from(`${e.tree ? '40000' : '100644'} ${e.name}\0`), e.id])));
}

/** The id git gives a commit written by fastImportChunk with no parent (a root commit). */
export function rootCommitId(c: FastCommit): string {
  const body = `tree ${treeOf(c.files).toString('hex')}\nauthor ${sig(c.author)}\ncommitter ${sig(c.committer)}\n\n${c.message}`;
  return gitHash('commit', Buffer.from(body)).toString('hex');
}

/** Creates a bare repository at `dir` and streams the commits into it. */
export async function writeRepo(dir: string, commits: Iterable<FastCommit>, head = 'master'): Promise<void> {
  if (!existsSync(join(dir, 'HEAD'))) initBare(dir, head);
  const child = track(spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  for (const c of commits) {
    if (!child.stdin.write(fastImportChunk(c))) await new Promise((res) => child.stdin.once('drain', res));
  }
  child.stdin.end('done\n');
  const code = await done;
  if (code !== 0) throw new Error(`git fast-import into ${dir} failed (${code}): ${stderr.trim()}`);
}
