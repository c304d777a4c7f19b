// The history of one file in a git repository, for the sources that read a small file's
// every version (LibUp's releases.json, wmf-config/extension-list): one `git log
// --first-parent --raw` stream of that file and one `git cat-file --batch` for the old and
// new text of each change, so each raw item says what changed on its own. I/O only.
import { resolve } from 'node:path';
import { CatFile, gitRecords, gitText, isAncestor } from '../../lib/git-batch.ts';
import type { Batch, RawItem } from '../types.ts';

export interface FileChange {
  sha: string;
  at: number; // committer time, seconds
  committer: string;
  subject: string;
  file: string;
  old: string | null;
  new: string | null;
}

const ZERO = /^0+$/;
const BATCH = 500;

/** Batches of `kind` items (key = sha) for each first-parent commit that changed `file`. */
export async function* collectFileHistory(repoPath: string, file: string, cursor: string | null, kind: string, branch?: string): AsyncGenerator<Batch> {
  const path = resolve(repoPath);
  const ref = branch ?? (await gitText(path, ['symbolic-ref', '--short', 'HEAD'])).trim();
  const tip = (await gitText(path, ['rev-parse', '--verify', `${ref}^{commit}`])).trim();
  if (cursor === tip) {
    yield { items: [], cursor: tip };
    return;
  }
  const range = cursor && (await isAncestor(path, cursor, ref)) ? `${cursor}..${ref}` : ref;
  const cat = new CatFile(path);
  let items: RawItem[] = [];
  let pending: Promise<void>[] = [];
  try {
    const args = ['log', '--first-parent', '--reverse', '--raw', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--format=%x01%H%x00%ct%x00%cn%x00%s', range, '--', file];
    for await (const record of gitRecords(path, args)) {
      const lines = record.split('\n');
      const [sha, at, committer, ...subject] = lines[0].split('\x00');
      const raw = lines.find((l) => l.startsWith(':') && l.endsWith(`\t${file}`));
      if (!raw) continue;
      const [, , oldOid, newOid] = raw.slice(1, raw.indexOf('\t')).split(' ');
      const change: FileChange = { sha, at: Number(at), committer, subject: subject.join('\x00'), file, old: null, new: null };
      const item: RawItem = { kind, key: sha, url: `${path}#${sha}:${file}`, payload: '' };
      items.push(item);
      pending.push(Promise.all([
        ZERO.test(oldOid) ? null : cat.text(oldOid),
        ZERO.test(newOid) ? null : cat.text(newOid),
      ]).then(([o, n]) => {
        change.old = o;
        change.new = n;
        item.payload = JSON.stringify(change);
      }));
      if (items.length >= BATCH) {
        await Promise.all(pending);
        yield { items, cursor: sha };
        items = [];
        pending = [];
      }
    }
    await Promise.all(pending);
  } finally {
    cat.close();
  }
  yield { items, cursor: tip };
}

export function readFileChange(payload: string): FileChange | string {
  try {
    const c = JSON.parse(payload) as FileChange;
    if (typeof c.sha !== 'string' || typeof c.at !== 'number') return 'missing sha or time';
    return c;
  } catch (err) {
    return (err as Error).message;
  }
}
