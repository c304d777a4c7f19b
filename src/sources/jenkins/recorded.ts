// `shiplog import jenkins <dir>`: a folder of recorded Jenkins responses served to the same
// collector through a fetch that reads files, so the demo and offline archives go through the
// exact code that talks to a live Jenkins. Layout, by URL path from the first /job/:
//   <dir>/api.json                            the root job list      (…/api/json)
//   <dir>/job/<job>/api.json                  the job with allBuilds (…/job/<job>/api/json)
//   <dir>/job/<job>/<n>/testReport/api.json   a build's test report
//   <dir>/job/<job>/<n>/artifact/<path>       an archived artifact
// The {from,to} range of a tree= query is applied to allBuilds as Jenkins does. I/O only.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export const RECORDED_ROOT = 'http://recorded.jenkins.invalid/ci';

/** The file a URL maps to, or null when the URL is not under a recorded layout. */
export function recordedPath(dir: string, url: string): string | null {
  const u = new URL(url);
  const path = decodeURIComponent(u.pathname);
  const at = path.indexOf('/job/');
  const rel = at === -1 ? path.replace(/^.*?\/?(api\/json)$/, '$1') : path.slice(at + 1);
  if (rel.includes('..')) return null;
  return join(dir, rel.replace(/api\/json$/, 'api.json'));
}

/** Applies `allBuilds[…]{from,to}` of a tree= query to a recorded job document. */
export function applyRange(doc: { allBuilds?: unknown[] }, tree: string | null): string {
  const m = tree ? /allBuilds\[.*\]\{(\d+),(\d+)\}$/.exec(tree) : null;
  if (!m || !Array.isArray(doc?.allBuilds)) return JSON.stringify(doc); // not a list: the collector rejects it
  return JSON.stringify({ ...doc, allBuilds: (doc.allBuilds ?? []).slice(Number(m[1]), Number(m[2])) });
}

export function recordedFetch(dir: string): typeof fetch {
  // a job document is paged many times in a row: keep the last one read, by path and mtime
  let cached: { file: string; mtime: number; doc: { allBuilds?: unknown[] } } | null = null;
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = recordedPath(dir, url);
    const st = file ? await stat(file).catch(() => null) : null; // missing: answered as a 404 below
    if (!file || !st?.isFile()) return new Response('not recorded', { status: 404 });
    if (file.endsWith('api.json')) {
      if (cached?.file !== file || cached.mtime !== st.mtimeMs) {
        const text = await readFile(file, 'utf8');
        try {
          cached = { file, mtime: st.mtimeMs, doc: JSON.parse(text) };
        } catch {
          return new Response(text, { status: 200 }); // not JSON: the collector reports it as it would a live answer
        }
      }
      return new Response(applyRange(cached.doc, new URL(url).searchParams.get('tree')), { status: 200 });
    }
    return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, { status: 200 });
  }) as typeof fetch;
}
