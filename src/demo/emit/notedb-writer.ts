// Writes Gerrit changes as real NoteDB into a bare repository with `git fast-import`:
// patch-set commits on refs/changes/NN/N/P, then one meta commit per update on
// refs/changes/NN/N/meta (empty tree, subject "Create change" / "Update patch set N",
// message, footers), as Gerrit's ChangeUpdate writes them. One fast-import per repository:
// a patch set's commit id (its meta's `Commit:` footer) is computed as git computes it.
// For the demo and tests.
import { execFileSync, spawn } from 'node:child_process';
import { track } from '../children.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fastImportChunk, initBare, rootCommitId, type FastCommit } from '../fast-import.ts';

export const DEMO_SERVER_UUID = 'e9e9afe9-4712-486d-8885-f54b72dd1951';

export interface NoteDbAccount { id: number; name: string; email: string }

export interface NoteDbPatchSet {
  number: number;
  uploader: NoteDbAccount;
  at: Date;
  message: string; // commit message of the patch set (subject, body, Change-Id, Bug:)
  files?: { path: string; content: string }[];
}

export interface NoteDbUpdate {
  patchset: number;
  author: NoteDbAccount;
  at: Date;
  message?: string; // the change message ('' or absent: none)
  footers?: [string, string][]; // after Patch-set; `Commit` is added for new patch sets
}

export interface NoteDbChange {
  number: number;
  patchsets: NoteDbPatchSet[];
  updates: NoteDbUpdate[]; // oldest first; the first one creates the change
}

export const changeRefPrefix = (n: number) => `refs/changes/${String(n).padStart(2, '0').slice(-2)}/${n}`;
export const accountIdent = (a: NoteDbAccount, uuid = DEMO_SERVER_UUID) => `${a.name} <${a.id}@${uuid}>`;

async function fastImport(dir: string, chunks: Iterable<string>): Promise<void> {
  const args = ['-C', dir, 'fast-import', '--quiet', '--done', '--force'];
  const child = track(spawn('git', args, { stdio: ['pipe', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
  for (const c of chunks) {
    if (!child.stdin.write(c)) await new Promise((res) => child.stdin.once('drain', res));
  }
  child.stdin.end('done\n');
  const code = await done;
  if (code !== 0) throw new Error(`git fast-import into ${dir} failed (${code}): ${stderr.trim()}`);
}

function metaMessage(u: NoteDbUpdate, first: boolean, created: boolean, sha: string | undefined): string {
  const subject = first ? 'Create change' : created ? `Create patch set ${u.patchset}` : `Update patch set ${u.patchset}`;
  const footers: [string, string][] = [['Patch-set', String(u.patchset)], ...(u.footers ?? [])];
  if (created && sha && !footers.some(([k]) => k === 'Commit')) footers.push(['Commit', sha]);
  const body = u.message ? `${u.message}\n\n` : '';
  return `${subject}\n\n${body}${footers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
}

/** Writes the changes into the bare repository `dir` (created when missing). */
export async function writeNoteDb(dir: string, changes: NoteDbChange[], uuid = DEMO_SERVER_UUID): Promise<void> {
  const existed = existsSync(join(dir, 'HEAD'));
  if (!existed) initBare(dir);
  // an existing repository's meta refs are continued, a new one's are created
  const tips = new Map(existed
    ? execFileSync('git', ['-C', dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/changes/'], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string])
    : []);
  await fastImport(dir, chunksOf(changes, tips, uuid));
}

function* chunksOf(changes: NoteDbChange[], tips: Map<string, string>, uuid: string): Generator<string> {
  for (const ch of changes) {
    const shaOf = new Map<number, string>();
    for (const ps of ch.patchsets) {
      const sig = { name: ps.uploader.name, email: ps.uploader.email, at: ps.at };
      const c: FastCommit = { ref: `${changeRefPrefix(ch.number)}/${ps.number}`, author: sig, committer: sig, message: ps.message, files: ps.files ?? [{ path: 'README', content: `${ch.number}/${ps.number}\n` }] };
      shaOf.set(ps.number, rootCommitId(c));
      yield fastImportChunk(c);
    }
    const tip = tips.get(`${changeRefPrefix(ch.number)}/meta`);
    const seen = new Set<number>();
    for (let i = 0; i < ch.updates.length; i++) {
      const u = ch.updates[i];
      const created = !seen.has(u.patchset) && ch.patchsets.some((p) => p.number === u.patchset);
      seen.add(u.patchset);
      const author = { name: u.author.name, email: `${u.author.id}@${uuid}`, at: u.at };
      const committer = { name: 'Gerrit Code Review', email: 'gerrit@example.org', at: u.at };
      // Within one stream a ref chains by itself; an existing meta ref is continued with `from`.
      const from = i === 0 && tip ? tip : undefined;
      yield fastImportChunk({ ref: `${changeRefPrefix(ch.number)}/meta`, author, committer, message: metaMessage(u, i === 0 && !tip, created, shaOf.get(u.patchset)), files: [], from });
    }
  }
}
