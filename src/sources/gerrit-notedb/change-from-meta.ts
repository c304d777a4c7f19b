// One change's NoteDB meta commits (oldest first) → the shared ChangeRecord. Pure.
// Follows Gerrit's ChangeNotesParser: the latest Subject/Branch/Topic/Status wins, patch
// sets are created by commits carrying `Commit:` (or "Create change" / "Create patch set
// N" in older migrated history), and each `Label:` footer is a vote on `Patch-set:`.
import {
  mapStatus, parseAccountIdent, PSEUDO_LABELS,
  type ChangeRecord, type GerritAccount, type MessageRecord, type PatchSetRecord, type VoteRecord,
} from '../gerrit-common/change-record.ts';
import { footer, footersOf, type MetaCommit } from './meta-log.ts';

export interface MetaInput {
  host: string;
  project: string;
  number: number;
  commits: MetaCommit[]; // oldest first
  patchsetRefs: Record<string, string>; // "3" → sha of refs/changes/NN/N/3
  commitMessage: string | null;
}

// `Code-Review=+2`, `Code-Review=-1 Name <id@uuid>`, `-Code-Review`, `-Code-Review Name <…>`,
// and Gerrit 3's `Code-Review=+2, <copy uuid>` forms.
const LABEL = /^(?:(?<removed>-)(?<rlabel>[A-Za-z0-9-]+)|(?<label>[A-Za-z0-9-]+)=(?<value>[+-]?\d+))(?:,\s*\S+)?(?:\s+(?<who>.+<\d+@[^>]*>))?$/;

export function parseLabelFooter(text: string): { label: string; value: number | null; who: string | null } | null {
  const m = LABEL.exec(text.trim());
  if (!m?.groups) return null;
  const g = m.groups;
  return g.removed ? { label: g.rlabel, value: null, who: g.who ?? null } : { label: g.label, value: Number(g.value), who: g.who ?? null };
}

class Accounts {
  readonly byId = new Map<string, GerritAccount>();
  see(ident: string | undefined): string | null {
    if (!ident) return null;
    const a = parseAccountIdent(ident);
    if (!a) return null;
    this.byId.set(a.id, { id: a.id, name: a.name, email: null, username: null });
    return a.id;
  }
}

function patchsetCreated(c: MetaCommit, ps: number, known: Map<number, PatchSetRecord>): boolean {
  if (known.has(ps)) return false;
  return footer(c, 'Commit') !== undefined || c.subject === 'Create change' || c.subject === `Create patch set ${ps}`
    || /^Uploaded patch set \d+/.test(c.body);
}

export function changeFromMeta(input: MetaInput, problems: string[]): ChangeRecord {
  const accounts = new Accounts();
  const patchsets = new Map<number, PatchSetRecord>();
  const votes: VoteRecord[] = [];
  const messages: MessageRecord[] = [];
  const lastVote = new Map<string, number | null>();
  const rec: ChangeRecord = {
    host: input.host, number: input.number, changeId: null, project: input.project, branch: null, subject: null,
    topic: null, owner: null, status: null, originalStatus: null, createdAt: null, updatedAt: null, mergedAt: null,
    abandonedAt: null, submitter: null, patchsets: [], votes, messages, accounts: [], commitMessage: input.commitMessage,
  };
  let lastAbandon: Date | null = null;
  for (const c of input.commits) {
    const author = accounts.see(c.authorIdent);
    if (rec.createdAt === null) {
      rec.createdAt = c.at;
      rec.owner = author;
    }
    rec.updatedAt = c.at;
    const psText = footer(c, 'Patch-set');
    const ps = psText !== undefined ? Number.parseInt(psText, 10) : NaN;
    if (!Number.isFinite(ps)) {
      problems.push(`meta commit ${c.sha}: no Patch-set footer`);
      continue;
    }
    rec.changeId = footer(c, 'Change-id') ?? rec.changeId;
    const branch = footer(c, 'Branch');
    if (branch) rec.branch = branch.replace(/^refs\/heads\//, '');
    rec.subject = footer(c, 'Subject') ?? rec.subject;
    const topic = footer(c, 'Topic');
    if (topic !== undefined) rec.topic = topic === '' ? null : topic;
    const status = footer(c, 'Status');
    if (status) {
      Object.assign(rec, mapStatus(status));
      if (rec.status === 'merged' && rec.mergedAt === null) {
        rec.mergedAt = c.at;
        rec.submitter = author; // the submit commit is written as the account that submitted
      }
      if (rec.status === 'abandoned') lastAbandon = c.at;
    }
    if (patchsetCreated(c, ps, patchsets)) {
      patchsets.set(ps, { number: ps, sha: footer(c, 'Commit') ?? input.patchsetRefs[String(ps)] ?? null, uploader: author, createdAt: c.at });
    }
    for (const ident of [...footersOf(c, 'Reviewer'), ...footersOf(c, 'CC'), ...footersOf(c, 'Real-user')]) accounts.see(ident);
    for (const text of footersOf(c, 'Label')) {
      const l = parseLabelFooter(text);
      if (!l) {
        problems.push(`meta commit ${c.sha}: unparseable Label footer "${text}"`);
        continue;
      }
      if (PSEUDO_LABELS.has(l.label)) continue;
      const voter = l.who ? accounts.see(l.who) : author;
      if (!voter) continue;
      const k = `${ps}/${l.label}/${voter}`;
      const before = lastVote.get(k) ?? 0;
      // A 0 on a label the voter had not scored is no vote (Gerrit writes it when a
      // reviewer only comments, and never reports it in the message).
      if (l.value === 0 && !before) continue;
      lastVote.set(k, l.value);
      votes.push({ patchset: ps, label: l.label, value: l.value, removed: l.value === null, voter, at: c.at });
    }
    if (c.body !== '') {
      messages.push({ id: c.sha, patchset: ps, author, at: c.at, tag: footer(c, 'Tag') ?? null, text: c.body });
    }
  }
  if (rec.status === null && rec.createdAt !== null) Object.assign(rec, mapStatus('NEW')); // ChangeNotesParser's default
  rec.abandonedAt = rec.status === 'abandoned' ? lastAbandon : null;
  rec.patchsets = [...patchsets.values()].sort((a, b) => a.number - b.number);
  rec.accounts = [...accounts.byId.values()];
  return rec;
}
