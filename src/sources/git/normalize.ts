// Raw git items → rows of repos, commits, identities and commit → task links (rule
// `commit-footer`, evidence = the footer line). Pure: no clock, no I/O.
import { keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Row, Reject } from '../types.ts';
import { parseFooters } from './footers.ts';
import { parseRawCommit } from './raw-commit.ts';
import { wikiversionsRejects } from './trains/check.ts';

/** The kind of a repository from its Gerrit name. */
export function repoKind(name: string, declared?: string | null): string {
  if (declared === 'mediawiki-config') return 'config';
  if (declared) return declared;
  if (/(^|\/)mediawiki-config$/.test(name)) return 'config';
  if (/^mediawiki\/core$|^core$/.test(name)) return 'core';
  if (/extensions\//.test(name)) return 'extension';
  if (/skins\//.test(name)) return 'skin';
  if (/services\//.test(name)) return 'service';
  return 'other';
}

function commitRows(rec: RawRecord, repo: string, out: Output<'repos' | 'commits' | 'identities' | 'links'>): void {
  const c = parseRawCommit(rec.payload);
  if (typeof c === 'string') {
    out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: c });
    return;
  }
  const f = parseFooters(c.message);
  const commitKey = keys.commit(repo, c.sha);
  out.rows.commits.push({
    commit_key: commitKey, repo, sha: c.sha, parents: c.parents, is_merge: c.parents.length > 1,
    author_name: c.author.name, author_email: c.author.email, authored_at: c.author.at,
    committer_name: c.committer.name, committer_email: c.committer.email, committed_at: c.committer.at,
    subject: c.message.split('\n')[0], message: c.message, files: c.files, change_id: f.changeId,
    bug_tasks: f.bugTasks, bug_legacy: f.bugLegacy, depends_on: f.dependsOn, reverts_sha: f.revertsSha,
    raw_id: rec.rawId,
  });
  for (const sig of [c.author, c.committer]) {
    out.rows.identities.push({
      identity_key: keys.identity('git', sig.email.toLowerCase()), system: 'git', account: sig.email.toLowerCase(),
      name: sig.name, email: sig.email, username: null, raw_id: rec.rawId, seen_at: sig.at,
    });
  }
  for (const b of f.bugLines) {
    out.rows.links.push({
      src_key: commitKey, dst_key: keys.task(b.task), rule: 'commit-footer', evidence: b.line,
      confidence: 'high', first_seen_at: c.committer.at, raw_id: rec.rawId,
    });
  }
}

export function normalizeGit(records: RawRecord[], ctx: NormalizeContext): Output<'repos' | 'commits' | 'identities' | 'links'> {
  const out = output('repos', 'commits', 'identities', 'links');
  for (const rec of records) {
    if (rec.kind === 'repo') {
      let meta: { name: string; branch: string; kind: string | null };
      try {
        meta = JSON.parse(rec.payload);
      } catch (err) {
        out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `repo record is not JSON: ${(err as Error).message}` });
        continue;
      }
      if (!meta || typeof meta.name !== 'string' || !meta.name) {
        out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: 'repo record is not {name, branch, kind}' });
        continue;
      }
      out.rows.repos.push({
        repo_key: keys.repo(meta.name), name: meta.name, kind: repoKind(meta.name, meta.kind),
        default_branch: meta.branch, raw_id: rec.rawId,
      });
    } else if (rec.kind === 'commit') {
      commitRows(rec, rec.scope || ctx.scope, out);
    } else if (rec.kind === 'wikiversions') {
      out.rejects.push(...wikiversionsRejects(rec)); // its rows are trains, made in derive
    } else {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `unknown git record kind "${rec.kind}"` });
    }
  }
  return out;
}
