// A Gerrit REST ChangeInfo (o=ALL_REVISIONS, ALL_COMMITS, MESSAGES, DETAILED_LABELS,
// DETAILED_ACCOUNTS) → the shared ChangeRecord, so REST and NoteDB give the same rows.
// REST has no vote history: votes are read from the messages Gerrit writes for each
// review ("Patch Set 3: Code-Review+2 -Verified") and vote deletion ("Removed
// Code-Review+2 by Name <email>"), plus the current votes in labels.*.all that no message
// shows (votes copied to a rebased patch set at submit). Pure.
import {
  mapStatus, PSEUDO_LABELS,
  type ChangeRecord, type GerritAccount, type MessageRecord, type PatchSetRecord, type VoteRecord,
} from '../gerrit-common/change-record.ts';
import { parseGerritTime } from './time.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

class Accounts {
  readonly byId = new Map<string, GerritAccount>();
  see(a: Json): string | null {
    if (!a || typeof a._account_id !== 'number') return null;
    const id = String(a._account_id);
    const prev = this.byId.get(id);
    this.byId.set(id, {
      id, name: a.name ?? prev?.name ?? null, email: a.email ?? prev?.email ?? null, username: a.username ?? prev?.username ?? null,
    });
    return id;
  }
  find(name: string, email: string | undefined): string | null {
    for (const a of this.byId.values()) if ((email && a.email === email) || (!email && a.name === name)) return a.id;
    return null;
  }
}

const VOTE_TOKEN = /^(?:-(?<reset>[A-Za-z][\w-]*)|(?<label>[A-Za-z][\w-]*?)(?<value>[+-]\d+))$/;
const REMOVED = /^(?:\* )?(?:Removed )?(?<label>[A-Za-z][\w-]*?)(?<value>[+-]\d+) by (?<name>.+?)(?: <(?<email>[^>]+)>)?$/;

/** "Patch Set 3: Code-Review+2 -Verified" → the votes it states (a reset is value 0). */
export function votesInMessage(text: string): { label: string; value: number }[] {
  const first = /^Patch Set \d+:(.*)$/.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
  const out: { label: string; value: number }[] = [];
  for (const token of first.trim().split(/\s+/)) {
    const m = VOTE_TOKEN.exec(token);
    if (!m?.groups) continue;
    out.push(m.groups.reset ? { label: m.groups.reset, value: 0 } : { label: m.groups.label, value: Number(m.groups.value) });
  }
  return out;
}

function messageVotes(m: MessageRecord, accounts: Accounts, last: Map<string, number | null>, votes: VoteRecord[]): void {
  if (m.patchset === null || m.author === null) return;
  const push = (label: string, value: number | null, voter: string) => {
    const k = `${m.patchset}/${label}/${voter}`;
    if (value === 0 && !last.get(k)) return; // same rule as NoteDB: a 0 on no vote is no vote
    last.set(k, value);
    votes.push({ patchset: m.patchset!, label, value, removed: value === null, voter, at: m.at });
  };
  if (/^Removed (?:the following votes|[A-Za-z][\w-]*[+-]\d+ by )/.test(m.text)) {
    for (const line of m.text.split('\n')) {
      const r = REMOVED.exec(line.trim());
      const voter = r?.groups ? accounts.find(r.groups.name, r.groups.email) : null;
      if (r?.groups && voter) push(r.groups.label, null, voter);
    }
    return;
  }
  for (const v of votesInMessage(m.text)) push(v.label, v.value, m.author);
}

function seeAll(info: Json, accounts: Accounts): void {
  accounts.see(info.owner);
  accounts.see(info.submitter);
  for (const m of info.messages ?? []) accounts.see(m.author);
  for (const r of Object.values<Json>(info.revisions ?? {})) accounts.see(r.uploader);
  for (const l of Object.values<Json>(info.labels ?? {})) for (const a of l.all ?? []) accounts.see(a);
  for (const list of Object.values<Json>(info.reviewers ?? {})) for (const a of list ?? []) accounts.see(a);
}

export function changeFromRest(info: Json, host: string, problems: string[]): ChangeRecord {
  const accounts = new Accounts();
  seeAll(info, accounts);
  const patchsets: PatchSetRecord[] = Object.entries<Json>(info.revisions ?? {}).map(([sha, r]) => ({
    number: r._number, sha, uploader: r.uploader ? String(r.uploader._account_id) : null, createdAt: parseGerritTime(r.created)!,
  })).sort((a, b) => a.number - b.number);
  const messages: MessageRecord[] = (info.messages ?? []).map((m: Json) => ({
    id: m.id, patchset: m._revision_number ?? null, author: m.author ? String(m.author._account_id) : null,
    at: parseGerritTime(m.date)!, tag: m.tag ?? null, text: String(m.message ?? '').replace(/^\n+/, '').trimEnd(),
  })).filter((m: MessageRecord) => {
    if (m.text !== '' && !m.at) problems.push(`message ${m.id ?? '?'}: unparseable date, message left out`);
    return m.text !== '' && m.at;
  });
  const votes: VoteRecord[] = [];
  const last = new Map<string, number | null>();
  for (const m of messages) messageVotes(m, accounts, last, votes);
  const current = patchsets[patchsets.length - 1];
  for (const [label, l] of Object.entries<Json>(info.labels ?? {})) {
    if (PSEUDO_LABELS.has(label) || !current) continue;
    for (const a of l.all ?? []) {
      const at = parseGerritTime(a.date);
      if (!a.value || !at) continue;
      const voter = String(a._account_id);
      const known = votes.some((v) => v.patchset === current.number && v.label === label && v.voter === voter && v.value === a.value && v.at.getTime() === at.getTime());
      if (!known) votes.push({ patchset: current.number, label, value: a.value, removed: false, voter, at });
    }
  }
  votes.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const p of patchsets) if (!p.createdAt) problems.push(`patch set ${p.number}: unparseable created time`);
  const { status, originalStatus } = mapStatus(info.status ?? null);
  const abandon = status === 'abandoned'
    ? [...messages].reverse().find((m) => m.tag === 'autogenerated:gerrit:abandon' || /^Abandoned\b/.test(m.text)) : undefined;
  const currentRev = info.current_revision ? info.revisions?.[info.current_revision] : undefined;
  return {
    host, number: info._number, changeId: info.change_id ?? null, project: info.project ?? null, branch: info.branch ?? null,
    subject: info.subject ?? null, topic: info.topic || null, owner: info.owner ? String(info.owner._account_id) : null,
    status, originalStatus, createdAt: parseGerritTime(info.created), updatedAt: parseGerritTime(info.updated),
    mergedAt: status === 'merged' ? parseGerritTime(info.submitted) : null, abandonedAt: abandon?.at ?? null,
    submitter: status === 'merged' && info.submitter ? String(info.submitter._account_id) : null,
    patchsets, votes, messages, accounts: [...accounts.byId.values()],
    commitMessage: (currentRev ?? Object.values<Json>(info.revisions ?? {}).find((r) => r._number === current?.number))?.commit?.message ?? null,
  };
}
