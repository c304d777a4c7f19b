// Reads a local clone or bare mirror through git itself: one streaming
// `git log --format=raw --name-only` process per run, oldest first in topological order,
// so the cursor (the last commit stored) can resume with `<cursor>..<branch>` after a kill.
// I/O only: each commit's text goes out unchanged as a raw item.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { basename, resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import type { GitConfig, GitRepoConfig } from './config.ts';
import { collectWikiversions, WIKIVERSIONS_FILES } from './collect-wikiversions.ts';

const run = promisify(execFile);
const BATCH = 5000;

export function repoNameFromPath(path: string): string {
  return basename(resolve(path)).replace(/\.git$/, '');
}

async function git(path: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', path, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? (err as Error).message;
    throw new ShiplogError('source_unreachable', `${path}: git ${args.join(' ')}: ${stderr}`, { cause: err });
  }
}

async function isAncestor(path: string, sha: string, branch: string): Promise<boolean> {
  try {
    await run('git', ['-C', path, 'merge-base', '--is-ancestor', sha, branch]);
    return true;
  } catch {
    return false; // not an ancestor, or unknown after a history rewrite: read the whole branch
  }
}

/** Splits git's stdout into whole commit chunks as it streams. */
async function* commitChunks(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  let buf = '';
  for await (const data of stream) {
    buf += data.toString();
    let cut: number;
    while ((cut = buf.indexOf('\ncommit ', 1)) !== -1 && /^\ncommit [0-9a-f]{40}/.test(buf.slice(cut, cut + 48))) {
      yield buf.slice(0, cut).replace(/\n+$/, '');
      buf = buf.slice(cut + 1);
    }
  }
  if (buf.trim() !== '') yield buf.replace(/\n+$/, '');
}

export function repoSpec(ctx: CollectContext<GitConfig>): GitRepoConfig {
  const fromConfig = ctx.config?.repos.find((r) => (r.name ?? repoNameFromPath(r.path)) === ctx.scope);
  if (fromConfig) return fromConfig;
  const path = ctx.paths.find((p) => ((ctx.options.name as string) ?? repoNameFromPath(p)) === ctx.scope);
  if (!path) throw new ShiplogError('bad_request', `git: no repository path for scope ${ctx.scope}`);
  return { path, name: ctx.scope, branch: ctx.options.branch as string | undefined, kind: ctx.options.kind as GitRepoConfig['kind'] };
}

export async function* collectGit(ctx: CollectContext<GitConfig>): AsyncGenerator<Batch> {
  const spec = repoSpec(ctx);
  const path = resolve(spec.path);
  const branch = spec.branch ?? (await git(path, ['symbolic-ref', '--short', 'HEAD']));
  const tip = await git(path, ['rev-parse', '--verify', `${branch}^{commit}`]);
  const total = Number(await git(path, ['rev-list', '--count', branch]));
  // a kind given by the config needs no look at the tree (one git process fewer per repository)
  const kind = spec.kind ?? ((await git(path, ['ls-tree', '--name-only', tip])).split('\n')
    .some((f) => WIKIVERSIONS_FILES.includes(f)) ? 'mediawiki-config' : null);
  const repoItem: RawItem = { kind: 'repo', key: ctx.scope, url: path, payload: JSON.stringify({ name: ctx.scope, branch, kind }) };
  if (ctx.cursor === tip) {
    yield { items: [repoItem], cursor: tip, progress: { done: total, total } };
    return;
  }
  const range = ctx.cursor && (await isAncestor(path, ctx.cursor, branch)) ? `${ctx.cursor}..${branch}` : branch;
  if (kind === 'mediawiki-config') {
    // Before the commits and without a cursor: a kill here re-reads them on the next run.
    for await (const batch of collectWikiversions(path, range)) yield batch;
  }
  // Counted before spawning: a git that exits while we await elsewhere has its unread stdout
  // discarded by Node (child_process flushStdio resumes streams nobody listens to).
  let done = ctx.cursor && range !== branch ? total - Number(await git(path, ['rev-list', '--count', range])) : 0;
  const child = spawn('git', ['-C', path, 'log', '--format=raw', '--name-only', '--diff-merges=first-parent', '--no-renames', '--topo-order', '--reverse', range], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  let items: RawItem[] = [repoItem];
  let last: string | null = null;
  try {
    for await (const chunk of commitChunks(child.stdout)) {
      const sha = chunk.slice(7, 47);
      items.push({ kind: 'commit', key: sha, payload: chunk, url: `${path}#${sha}` });
      last = sha;
      if (items.length >= BATCH) {
        done += items.filter((i) => i.kind === 'commit').length; // the repo item is not a commit: done never passes total
        yield { items, cursor: last, progress: { done, total } };
        items = [];
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new ShiplogError('source_unreachable', `${path}: git log ${range} exited with ${code}: ${stderr.trim()}`);
  done += items.filter((i) => i.kind === 'commit').length;
  yield { items, cursor: tip, progress: { done, total } };
}
