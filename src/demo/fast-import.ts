// Writes git repositories quickly with `git fast-import` (one process per repository,
// the history streamed on stdin), for the demo world and the benchmarks.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface FastCommit {
  ref: string; // refs/heads/master
  author: { name: string; email: string; at: Date };
  committer: { name: string; email: string; at: Date };
  message: string;
  files: { path: string; content: string }[];
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
  for (const f of c.files) out += `M 100644 inline ${f.path}\n${data(f.content)}`;
  return out;
}

/** Creates a bare repository at `dir` and streams the commits into it. */
export async function writeRepo(dir: string, commits: Iterable<FastCommit>, head = 'master'): Promise<void> {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', `--initial-branch=${head}`, dir]);
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'pipe'] });
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
