// `shiplog import sal <path…>`: reads SAL files, format sniffed from their first bytes,
// streaming line by line (NDJSON, wikitext, text) or element by element (a JSON array), so
// a million entries pass in bounded memory. I/O and framing only: each entry goes out
// unchanged as a raw item (with its day header when the format puts the date there).
import { createReadStream } from 'node:fs';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { shortHash } from '../../lib/hash.ts';
import type { Batch, RawItem, Reject } from '../types.ts';
import { atomEntries, htmlRows } from './html.ts';
import { arrayElements } from './json-stream.ts';
import { isStructural, parseDayHeader } from './wikitext.ts';

export const BATCH = 5000;
export type FileFormat = 'ndjson' | 'json-array' | 'json' | 'html' | 'atom' | 'wikitext';

/** The format of a SAL file from its first bytes. */
export function sniffFormat(head: string): FileFormat {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return /<feed[\s>]/.test(t) ? 'atom' : 'html';
  if (t.startsWith('[')) return 'json-array';
  if (/^\{\s*("|\})/.test(t)) {
    const first = t.split('\n', 1)[0];
    try {
      JSON.parse(first);
      return 'ndjson';
    } catch {
      return 'json'; // a pretty-printed document (a search response): read whole
    }
  }
  return 'wikitext';
}

/** Stable raw keys: the payload's hash, plus #n for the nth identical payload nearby. */
export class KeyMaker {
  private seen = new Map<string, number>();
  reset(): void {
    this.seen.clear();
  }
  key(payload: string): string {
    if (this.seen.size > 10_000) this.seen.clear(); // identical entries sit together; keep memory bounded
    const h = shortHash(payload);
    const n = (this.seen.get(h) ?? 0) + 1;
    this.seen.set(h, n);
    return n === 1 ? h : `${h}-${n}`;
  }
}

async function listFiles(path: string): Promise<string[]> {
  const s = await stat(path);
  if (!s.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
  return (await Promise.all(names.map((n) => listFiles(join(path, n))))).flat();
}

async function readHead(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, 4096, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * The lines of a file, pulled chunk by chunk. Not readline: its async iterator queues
 * every 'line' event while the consumer (the database) is slower than the disk, which
 * kept a whole 1M-entry file in memory.
 */
async function* lines(path: string): AsyncGenerator<[string, number]> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) yield [line.endsWith('\r') ? line.slice(0, -1) : line, ++n];
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++n];
}

function docItem(text: string, path: string, line: number, keys: KeyMaker): RawItem {
  return { kind: 'es-doc', key: keys.key(text), payload: text, url: `${path}:${line}` };
}

/** A search response (`hits.hits`) expands into its hits; anything else is one document. */
export function jsonDocs(text: string, path: string, line: number, keys: KeyMaker): RawItem[] {
  if (text.includes('"hits"')) {
    try {
      const hits = (JSON.parse(text) as { hits?: { hits?: unknown[] } }).hits?.hits;
      if (Array.isArray(hits)) return hits.map((h) => docItem(JSON.stringify(h), path, line, keys));
    } catch {
      // not JSON: handed on as one document below, and normalize rejects it with the reason
    }
  }
  return [docItem(text, path, line, keys)];
}

/** The raw items of one file, in file order; `project` fills formats that do not carry it. */
export async function* salFileItems(path: string, project: string | null): AsyncGenerator<RawItem> {
  const format = sniffFormat(await readHead(path));
  const keys = new KeyMaker();
  if (format === 'ndjson') {
    for await (const [line, n] of lines(path)) if (line.trim() !== '') yield* jsonDocs(line, path, n, keys);
  } else if (format === 'json-array') {
    for await (const el of arrayElements(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }))) {
      yield* jsonDocs(el.text, path, el.line, keys);
    }
  } else if (format === 'json') {
    yield* jsonDocs(await readFile(path, 'utf8'), path, 1, keys);
  } else if (format === 'html') {
    for (const row of htmlRows(await readFile(path, 'utf8'))) {
      const payload = JSON.stringify({ day: row.day, project, html: row.html });
      yield { kind: 'html-row', key: keys.key(payload), payload, url: path };
    }
  } else if (format === 'atom') {
    const feed = atomEntries(await readFile(path, 'utf8'));
    for (const xml of feed.entries) {
      const payload = JSON.stringify({ project: project ?? feed.project, xml });
      yield { kind: 'atom-entry', key: keys.key(payload), payload, url: path };
    }
  } else {
    let day: string | null = null;
    for await (const [line, n] of lines(path)) {
      const header = parseDayHeader(line);
      if (header) {
        day = header;
        keys.reset();
      } else if (!isStructural(line)) {
        const payload = JSON.stringify({ day, project, line });
        yield { kind: 'wiki-line', key: keys.key(payload), payload, url: `${path}:${n}` };
      }
    }
  }
}

/** What the files under a path look like now: name, size and mtime of each, hashed. */
async function filesSignature(files: string[]): Promise<string> {
  const parts = await Promise.all(files.map(async (f) => {
    const st = await stat(f);
    return `${f}\u0000${st.size}\u0000${st.mtimeMs}`;
  }));
  return `files:${shortHash(...parts)}`;
}

/**
 * Every file under the given paths, in batches of raw items. The cursor is a signature
 * of the files (names, sizes, mtimes), saved with the last batch: a re-run on unchanged
 * files reads nothing; a changed or interrupted one reads them again, and content already
 * stored is recognised by its hash.
 */
export async function* collectFiles(paths: string[], project: string | null, cursor: string | null = null): AsyncGenerator<Batch> {
  let items: RawItem[] = [];
  let done = 0;
  const rejects: Reject[] = [];
  const all: string[] = [];
  for (const root of paths) {
    try {
      all.push(...(await listFiles(root)));
    } catch (err) {
      rejects.push({ location: root, reason: `cannot read: ${(err as Error).message}` });
    }
  }
  const signature = await filesSignature(all);
  if (signature === cursor && rejects.length === 0) {
    yield { items: [], cursor: signature };
    return;
  }
  if (rejects.length > 0) yield { items: [], rejects };
  for (const file of all) {
    for await (const item of salFileItems(file, project)) {
      items.push(item);
      if (items.length >= BATCH) {
        done += items.length;
        yield { items, progress: { done } };
        items = [];
      }
    }
  }
  done += items.length;
  yield { items, cursor: signature, progress: { done } };
}
