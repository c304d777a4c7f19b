// The neutral shape of one Gerrit change, built by both the gerrit (REST) and the
// gerrit-notedb sources from their own wire formats. Everything after this shape
// (rows, keys, CI reports, footer links) is shared, so both sources give the same rows.

export interface GerritAccount {
  id: string; // numeric account id, as a string
  name: string | null;
  email: string | null;
  username: string | null;
}

export interface PatchSetRecord {
  number: number;
  sha: string | null;
  uploader: string | null; // account id
  createdAt: Date;
}

export interface VoteRecord {
  patchset: number;
  label: string;
  value: number | null; // null when the vote was removed
  removed: boolean;
  voter: string; // account id
  at: Date;
}

export interface MessageRecord {
  id: string; // REST message id = NoteDB meta commit sha
  patchset: number | null;
  author: string | null; // account id
  at: Date;
  tag: string | null;
  text: string;
}

export type ChangeStatus = 'open' | 'merged' | 'abandoned';

export interface ChangeRecord {
  host: string;
  number: number;
  changeId: string | null;
  project: string | null;
  branch: string | null;
  subject: string | null;
  topic: string | null;
  owner: string | null; // account id
  status: ChangeStatus | null;
  originalStatus: string | null; // Gerrit's enum spelling: NEW, MERGED, ABANDONED, DRAFT
  createdAt: Date | null;
  updatedAt: Date | null;
  mergedAt: Date | null;
  abandonedAt: Date | null;
  /** Account id of who submitted it: NoteDB's author of the merge (`Status: merged`) commit, REST's `submitter`. */
  submitter: string | null;
  patchsets: PatchSetRecord[];
  votes: VoteRecord[];
  messages: MessageRecord[];
  accounts: GerritAccount[];
  /** Commit message of the current patch set (Bug:, Depends-On footers), when known. */
  commitMessage: string | null;
}

const STATUS: Record<string, ChangeStatus> = { NEW: 'open', DRAFT: 'open', MERGED: 'merged', ABANDONED: 'abandoned' };

/** Gerrit status (REST `MERGED` or NoteDB footer `merged`) → the model's status. */
export function mapStatus(original: string | null): { status: ChangeStatus | null; originalStatus: string | null } {
  if (!original) return { status: null, originalStatus: null };
  const up = original.trim().toUpperCase();
  return { status: STATUS[up] ?? null, originalStatus: up };
}

/** Labels that are not review votes: NoteDB's submit marker. */
export const PSEUDO_LABELS = new Set(['SUBM']);

/** `Name <1234@server-uuid>` (NoteDB person ident) → account id and name. */
export function parseAccountIdent(text: string): { id: string; name: string | null } | null {
  const m = /^(.*?)\s*<(\d+)@[^>]*>$/.exec(text.trim());
  if (!m) return null;
  return { id: m[2], name: m[1] || null };
}
