// Reads JUnit XML files from disk (`shiplog import junit <file|dir…>`): each file is hashed in a
// first streaming pass (the build key and the raw keys need its content hash), then streamed
// through the chunker, one batch per chunk, then one `file` item that describes the build.
// I/O only; the file is never held whole in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { keys } from '../../model/ids.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import { chunkJUnit, type JUnitSummary } from './chunker.ts';
import type { JUnitConfig } from './config.ts';
import { chunkKey } from './rows.ts';

export interface JUnitFileMeta {
  path: string;
  fileId: string;
  buildKey: string;
  createsBuild: boolean;
  sha256: string;
  bytes: number;
  repo: string | null;
  job: string | null;
  change: number | null;
  patchset: number | null;
  gerritHost: string | null;
  summary: JUnitSummary;
}

async function listXml(path: string): Promise<string[]> {
  const st = await stat(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const e of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await listXml(p)));
    else if (e.name.toLowerCase().endsWith('.xml')) out.push(p);
  }
  return out;
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const b of createReadStream(path, { highWaterMark: 1 << 20 })) {
    h.update(b as Buffer);
    bytes += (b as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}

function optNumber(v: unknown): number | null {
  const n = v === undefined || v === null || v === '' ? NaN : Number(v);
  return Number.isInteger(n) ? n : null;
}

/** The build a file's results belong to: --build (a key or a bare id), else the file itself. */
export function buildKeyFor(option: unknown, relPath: string, fileId: string): { buildKey: string; createsBuild: boolean } {
  if (typeof option === 'string' && option !== '') {
    const buildKey = option.startsWith('build:') ? option : keys.build('junit', option);
    return { buildKey, createsBuild: buildKey.startsWith('build:junit:') };
  }
  return { buildKey: keys.build('junit', `${relPath}@${fileId}`), createsBuild: true };
}

export async function* collectJUnitFile(path: string, relPath: string, ctx: CollectContext<JUnitConfig>): AsyncGenerator<Batch> {
  let hashed: { sha256: string; bytes: number };
  try {
    hashed = await hashFile(path);
  } catch (err) {
    yield { items: [], rejects: [{ kind: 'file', location: path, reason: `cannot read the file: ${(err as Error).message}` }] };
    return;
  }
  const fileId = hashed.sha256.slice(0, 12);
  const { buildKey, createsBuild } = buildKeyFor(ctx.options.build, relPath, fileId);
  const text = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>;
  let summary: JUnitSummary | null = null;
  for await (const ev of chunkJUnit(text, ctx.config?.chunk)) {
    if ('summary' in ev) {
      summary = ev.summary;
      break;
    }
    const { chunk } = ev;
    const item: RawItem = {
      kind: 'cases', key: chunkKey(buildKey, fileId, chunk.firstOrdinal),
      url: `${path}#chars=${chunk.start}-${chunk.end}`, payload: chunk.payload,
    };
    yield { items: [item], progress: { done: chunk.firstOrdinal + chunk.cases.length } };
  }
  const meta: JUnitFileMeta = {
    path, fileId, buildKey, createsBuild, ...hashed,
    repo: (ctx.options.repo as string | undefined) ?? null,
    job: (ctx.options.job as string | undefined) ?? null,
    change: optNumber(ctx.options.change),
    patchset: optNumber(ctx.options.patchset),
    gerritHost: (ctx.options.host as string | undefined) ?? ctx.config?.gerrit_host ?? null,
    summary: summary!,
  };
  yield { items: [{ kind: 'file', key: `${buildKey}@${fileId}`, url: path, payload: JSON.stringify(meta) }] };
}

export async function* collectJUnit(ctx: CollectContext<JUnitConfig>): AsyncGenerator<Batch> {
  const root = resolve(ctx.scope);
  let files: string[];
  try {
    files = await listXml(root);
  } catch (err) {
    yield { items: [], rejects: [{ kind: 'file', location: root, reason: `cannot read: ${(err as Error).message}` }] };
    return;
  }
  const isDir = files.length !== 1 || files[0] !== root;
  for (const f of files) yield* collectJUnitFile(f, isDir ? relative(root, f) : basename(f), ctx);
}
