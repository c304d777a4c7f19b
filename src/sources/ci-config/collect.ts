// Reads the history of zuul/layout.yaml in an integration/config clone or mirror: one
// `git log --first-parent --reverse -p` stream of that one file, each commit's diff a raw
// item exactly as git printed it (the file is 350 kB and changed 6,000 times: its diffs
// are 10 MB, its versions 2 GB). The replay that turns diffs into versions is derive's.
// Resumes from the last commit stored. I/O only.
import { basename, resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import { gitRecords, gitText, isAncestor } from '../../lib/git-batch.ts';
import type { Batch, CollectContext, RawItem } from '../types.ts';
import type { CiConfig } from './config.ts';

const BATCH = 500;
const FORMAT = '%x01%H%x00%ct%x00%cn%x00%s';

export function ciRepoName(path: string): string {
  return /integration[-+/]config/.test(resolve(path)) ? 'integration/config' : basename(resolve(path)).replace(/\.git$/, '');
}

export interface LayoutChange {
  sha: string;
  at: number; // committer time, seconds
  committer: string;
  subject: string;
  file: string;
  /** git's diff of the file for this commit, from `diff --git` on. */
  patch: string;
}

function spec(ctx: CollectContext<CiConfig>): { path: string; branch?: string } {
  const c = ctx.config?.repos.find((r) => (r.name ?? ciRepoName(r.path)) === ctx.scope);
  if (c) return c;
  const path = ctx.paths.find((p) => ((ctx.options.name as string | undefined) ?? ciRepoName(p)) === ctx.scope);
  if (!path) throw new ShiplogError('bad_request', `ci-config: no repository path for scope ${ctx.scope}`);
  return { path, branch: ctx.options.branch as string | undefined };
}

export async function* collectCiConfig(ctx: CollectContext<CiConfig>): AsyncGenerator<Batch> {
  const s = spec(ctx);
  const path = resolve(s.path);
  const file = ctx.config?.file ?? 'zuul/layout.yaml';
  const branch = s.branch ?? (await gitText(path, ['symbolic-ref', '--short', 'HEAD'])).trim();
  const tip = (await gitText(path, ['rev-parse', '--verify', `${branch}^{commit}`])).trim();
  if (ctx.cursor === tip) {
    yield { items: [], cursor: tip };
    return;
  }
  const range = ctx.cursor && (await isAncestor(path, ctx.cursor, branch)) ? `${ctx.cursor}..${branch}` : branch;
  const total = Number((await gitText(path, ['rev-list', '--first-parent', '--count', range, '--', file])).trim());
  let items: RawItem[] = [];
  let done = 0;
  const args = ['log', '--first-parent', '--reverse', '-p', '--no-renames', '--diff-merges=first-parent', '--no-color', '--no-ext-diff', `--format=${FORMAT}`, range, '--', file];
  for await (const record of gitRecords(path, args)) {
    const nl = record.indexOf('\n');
    const [sha, at, committer, ...subject] = record.slice(0, nl).split('\x00');
    const change: LayoutChange = { sha, at: Number(at), committer, subject: subject.join('\x00'), file, patch: record.slice(nl + 1).replace(/^\n+/, '') };
    items.push({ kind: 'layout-diff', key: sha, url: `${path}#${sha}:${file}`, payload: JSON.stringify(change) });
    if (items.length >= BATCH) {
      done += items.length;
      yield { items, cursor: sha, progress: { done, total } };
      items = [];
    }
  }
  done += items.length;
  yield { items, cursor: tip, progress: { done, total } };
}
