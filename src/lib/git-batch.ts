// Shared git I/O for the sources that read a repository's history: run git for its text,
// stream `git log` output commit by commit, and ask one long-running `git cat-file
// --batch` for objects (blobs by id, `<rev>:<path>`, commits) — no process per commit or
// per file. I/O only; callers interpret what comes back.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ShiplogError } from './errors.ts';

/** Runs git in `path` and resolves its stdout (errors name the path, the command and git's words). */
export function gitText(path: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new ShiplogError('source_unreachable', `${path}: git ${args.join(' ')}: ${e.message}`, { cause: e })));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new ShiplogError('source_unreachable', `${path}: git ${args.slice(0, 3).join(' ')} exited with ${code}: ${err.trim().slice(0, 300)}`));
    });
  });
}

/** True when `sha` is an ancestor of `rev` (false too when git does not know it). */
export async function isAncestor(path: string, sha: string, rev: string): Promise<boolean> {
  try {
    await gitText(path, ['merge-base', '--is-ancestor', sha, rev]);
    return true;
  } catch {
    return false; // not an ancestor, or unknown after a history rewrite: the caller reads it all
  }
}

/**
 * Streams `git <args>` and yields the text between separator bytes (e.g. %x01 put at the
 * start of each commit by --format): whole records, as they arrive.
 */
export async function* gitRecords(path: string, args: string[], separator = '\x01'): AsyncGenerator<string> {
  const child = spawn('git', ['-C', path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  let buf = '';
  try {
    child.stdout.setEncoding('utf8');
    for await (const data of child.stdout as AsyncIterable<string>) {
      buf += data;
      let cut = buf.indexOf(separator, 1);
      while (cut !== -1) {
        if (buf.length > 0 && buf[0] === separator) yield buf.slice(1, cut);
        buf = buf.slice(cut);
        cut = buf.indexOf(separator, 1);
      }
    }
    if (buf.startsWith(separator)) yield buf.slice(1);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new ShiplogError('source_unreachable', `${path}: git ${args.slice(0, 3).join(' ')} exited with ${code}: ${err.trim().slice(0, 300)}`);
}

export interface GitObject {
  type: string;
  content: Buffer;
}

/**
 * One `git cat-file --batch` process answering requests in order: `get(oid or rev:path)`
 * resolves the object, or null when git says it is missing. close() ends the process.
 */
export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (o: GitObject | null) => void; reject: (e: Error) => void }[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private failed: Error | null = null;

  constructor(private readonly path: string) {
    this.child = spawn('git', ['-C', path, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    this.child.stderr.on('data', (d) => (err += d));
    this.child.stdout.on('data', (d: Buffer) => this.onData(d));
    this.child.on('close', (code) => {
      if (this.waiting.length > 0) this.fail(new ShiplogError('source_unreachable', `${path}: git cat-file --batch exited with ${code}: ${err.trim().slice(0, 300)}`));
    });
    this.child.stdin.on('error', (e) => this.fail(new ShiplogError('source_unreachable', `${path}: git cat-file --batch: ${e.message}`, { cause: e })));
  }

  get(spec: string): Promise<GitObject | null> {
    if (this.failed) return Promise.reject(this.failed);
    if (/[\n\r]/.test(spec)) return Promise.reject(new ShiplogError('bad_request', `${this.path}: object name with a newline: ${JSON.stringify(spec)}`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${spec}\n`);
    });
  }

  /** The object as UTF-8 text, or null when missing. */
  async text(spec: string): Promise<string | null> {
    const o = await this.get(spec);
    return o ? o.content.toString('utf8') : null;
  }

  close(): void {
    this.child.stdin.end();
    if (this.child.exitCode === null) setTimeout(() => this.child.exitCode === null && this.child.kill(), 2000).unref();
  }

  private fail(e: Error): void {
    this.failed = e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl === -1) return;
      const header = this.buf.subarray(0, nl).toString('utf8');
      const parts = header.split(' ');
      if (parts[parts.length - 1] === 'missing' || parts[parts.length - 1] === 'ambiguous') {
        this.buf = this.buf.subarray(nl + 1);
        this.waiting.shift()?.resolve(null);
        continue;
      }
      const size = Number(parts[2]);
      if (!Number.isFinite(size)) {
        this.fail(new ShiplogError('source_protocol', `${this.path}: git cat-file --batch answered "${header.slice(0, 100)}"`));
        return;
      }
      if (this.buf.length < nl + 1 + size + 1) return; // the rest of the object is still coming
      const content = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.waiting.shift()?.resolve({ type: parts[1], content });
    }
  }
}
