// Which Gerrit project a NoteDB mirror holds, when `import gerrit-notedb <mirror>` has no
// --name: the repository already imported whose commits carry the Change-Ids of a sample of
// the mirror's changes (one `git for-each-ref` and one `git log --format=%B --stdin` over
// at most SAMPLE meta refs, never the whole mirror), else the project in the mirror's
// remote URL. I/O through git and the given read function; the choice itself is pure.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ReadFn } from '../types.ts';

const run = promisify(execFile);
/** Meta refs sampled, spread evenly over the change numbers. */
export const SAMPLE = 200;

export interface InferredName {
  name: string;
  basis: string;
}

/** Every `n`-th of the sorted meta refs, so old and new changes are both sampled. */
export function sampleMetaRefs(forEachRef: string, size = SAMPLE): string[] {
  const refs = forEachRef.split('\n').map((l) => l.slice(l.indexOf(' ') + 1)).filter((r) => /^refs\/changes\/\d\d\/\d+\/meta$/.test(r));
  refs.sort((a, b) => Number(a.split('/')[3]) - Number(b.split('/')[3]));
  if (refs.length <= size) return refs;
  const step = refs.length / size;
  return Array.from({ length: size }, (_, i) => refs[Math.floor(i * step)]);
}

/** `Change-id: I…` footers of meta commit messages (NoteDB spells it with a small i). */
export function changeIdsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/^Change-id: (I[0-9a-f]{40})$/gim)].map((m) => m[1]))];
}

/** A Gerrit remote (https://host/r/a/b.git, ssh://u@host:29418/a/b) → its project (a/b). */
export function projectOfRemote(url: string): string | null {
  const path = /^[a-z+]+:\/\/[^/]+(\/.*)$/i.exec(url.trim())?.[1] ?? /^[^/:]+@[^:]+:(.*)$/.exec(url.trim())?.[1];
  if (!path) return null;
  const p = path.replace(/^\/+/, '').replace(/^(?:r\/)?(?:a\/)?/, '').replace(/\.git\/?$/, '').replace(/\/+$/, '');
  return p === '' ? null : p;
}

/** The repository most of the matched Change-Ids belong to, when one clearly does. */
export function pickRepo(sampled: number, counts: { repo: string; n: number }[]): InferredName | null {
  const [best, second] = [...counts].sort((a, b) => b.n - a.n || a.repo.localeCompare(b.repo));
  if (!best || best.n === 0 || (second && second.n * 2 > best.n)) return null;
  return { name: best.repo, basis: `${best.n} of ${sampled} sampled Change-Ids are commits of ${best.repo}` };
}

async function gitOut(path: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) return (await run('git', ['-C', path, ...args], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  const child = spawn('git', ['-C', path, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  child.stdin.end(input);
  return (await done) === 0 ? out : '';
}

/** The project of the mirror at `path`, or null when neither the Change-Ids nor a remote say. */
export async function inferNotedbProject(path: string, read: ReadFn): Promise<InferredName | null> {
  let refs: string[] = [];
  try {
    refs = sampleMetaRefs(await gitOut(path, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/changes/']));
  } catch {
    return null; // not a repository: collect reports that as the scope's error
  }
  if (refs.length > 0) {
    const ids = changeIdsIn(await gitOut(path, ['log', '--format=%B', '--stdin'], refs.join('\n') + '\n'));
    if (ids.length > 0) {
      const counts = await read<{ repo: string; n: number }>(
        'SELECT repo, count(DISTINCT change_id) AS n FROM commits WHERE change_id IN (SELECT unnest($1::VARCHAR[])) GROUP BY repo', [ids]);
      const picked = pickRepo(ids.length, counts.map((c) => ({ repo: c.repo, n: Number(c.n) })));
      if (picked) return picked;
    }
  }
  const remote = await gitOut(path, ['config', '--get', 'remote.origin.url']).catch(() => '');
  const project = remote ? projectOfRemote(remote) : null;
  return project ? { name: project, basis: `the mirror's remote URL ${remote.trim().replace(/\/\/[^@/]+@/, '//')}` } : null;
}
