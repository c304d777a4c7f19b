// For operations/mediawiki-config: the content of wikiversions.json / wikiversions.dat at
// every commit of the range that changed them (against the first parent, as the commit
// items list their files), so trains can be rebuilt from raw records without git. One
// `git log --raw` lists the blobs, one `git cat-file --batch` streams them. I/O only.
import { spawn } from 'node:child_process';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, RawItem, Reject } from '../types.ts';

export const WIKIVERSIONS_FILES = ['wikiversions.json', 'wikiversions.dat'];
const BATCH = 250; // ~40 kB each

interface Touch {
  sha: string;
  path: string;
  blob: string; // all zeros when the commit deleted the file
}

/** `git log --raw` output → the (commit, path, new blob) of every change to the files. */
export function parseRawLog(text: string): Touch[] {
  const out: Touch[] = [];
  let sha = '';
  for (const line of text.split('\n')) {
    if (/^[0-9a-f]{40}$/.test(line)) sha = line;
    else if (line.startsWith(':') && sha) {
      const tab = line.indexOf('\t');
      const fields = line.slice(1, tab).split(' '); // old mode, new mode, old blob, new blob, status
      out.push({ sha, path: line.slice(tab + 1), blob: fields[3] });
    }
  }
  return out;
}

async function runText(args: string[], path: string): Promise<string> {
  const child = spawn('git', ['-C', path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  if (code !== 0) throw new ShiplogError('source_unreachable', `${path}: git ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Streams `git cat-file --batch` answers: {oid, content} or {oid, missing}. */
async function* catFile(path: string, oids: string[]): AsyncGenerator<{ oid: string; content: string | null }> {
  const child = spawn('git', ['-C', path, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  child.stdin.end(oids.map((o) => `${o}\n`).join(''));
  let buf: Buffer = Buffer.alloc(0);
  try {
    for await (const data of child.stdout) {
      buf = buf.length === 0 ? (data as Buffer) : Buffer.concat([buf, data as Buffer]);
      for (;;) {
        const nl = buf.indexOf(10);
        if (nl === -1) break;
        const header = buf.subarray(0, nl).toString('utf8').split(' ');
        if (header[1] === 'missing' || header.length < 3) {
          yield { oid: header[0], content: null };
          buf = buf.subarray(nl + 1);
          continue;
        }
        const size = Number(header[2]);
        if (buf.length < nl + 1 + size + 1) break; // wait for the whole object and its newline
        yield { oid: header[0], content: buf.subarray(nl + 1, nl + 1 + size).toString('utf8') };
        buf = buf.subarray(nl + 1 + size + 1);
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new ShiplogError('source_unreachable', `${path}: git cat-file --batch exited with ${code}: ${stderr.trim()}`);
}

/** Batches of `wikiversions` raw items (key `<sha>:<path>`) for the commits of `range`. */
export async function* collectWikiversions(path: string, range: string): AsyncGenerator<Batch> {
  const log = await runText(['log', '--format=%H', '--raw', '--no-abbrev', '--full-history', '--diff-merges=first-parent',
    '--no-renames', '--topo-order', '--reverse', range, '--', ...WIKIVERSIONS_FILES], path);
  const touches = parseRawLog(log).filter((t) => WIKIVERSIONS_FILES.includes(t.path));
  const deleted = /^0+$/;
  const wanted = [...new Set(touches.filter((t) => !deleted.test(t.blob)).map((t) => t.blob))];
  const contents = new Map<string, string | null>(); // streamed blobs not yet emitted for every touch
  const streamed = new Set<string>();
  const uses = new Map<string, number>(); // touches still to emit per blob: contents are dropped after the last
  for (const t of touches) uses.set(t.blob, (uses.get(t.blob) ?? 0) + 1);
  let next = 0;
  let items: RawItem[] = [];
  let rejects: Reject[] = [];
  const ready = function* (): Generator<Batch> {
    for (; next < touches.length; next++) {
      const t = touches[next];
      const key = `${t.sha}:${t.path}`;
      const url = `${path}#${t.sha}:${t.path}`;
      if (deleted.test(t.blob)) items.push({ kind: 'wikiversions', key, url, payload: '' });
      else if (!streamed.has(t.blob)) return; // not streamed yet
      else {
        const content = contents.get(t.blob) ?? null;
        const left = uses.get(t.blob)! - 1;
        uses.set(t.blob, left);
        if (left === 0) contents.delete(t.blob);
        if (content === null) {
          rejects.push({ kind: 'wikiversions', key, location: url, reason: `blob ${t.blob} of ${t.path} at commit ${t.sha} is missing from the mirror` });
        } else items.push({ kind: 'wikiversions', key, url, payload: content });
      }
      if (items.length >= BATCH) {
        yield { items, rejects };
        items = [];
        rejects = [];
      }
    }
  };
  for await (const { oid, content } of catFile(path, wanted)) {
    contents.set(oid, content);
    streamed.add(oid);
    yield* ready();
  }
  yield* ready();
  if (items.length > 0 || rejects.length > 0) yield { items, rejects };
}
