// Gerrit review: changes, patch sets, votes and messages, from the REST API or NoteDB.
// A change record is a whole snapshot, re-emitted whenever the change moves, so its
// children are upserts keyed by their Gerrit identity (not appends).
import { col, defineTable, req } from './define.ts';

const GERRIT = ['gerrit', 'gerrit-notedb'] as const;

export const changes = defineTable({
  name: 'changes',
  doc: 'Gerrit change',
  mode: 'upsert',
  key: ['change_key'],
  writers: GERRIT,
  version: [{ column: 'updated_at', prefer: 'max' }],
  columns: {
    change_key: req('text', 'change:<host>:<number>'),
    host: req('text'),
    number: req('bigint'),
    change_id: col('text'),
    project: col('text'),
    branch: col('text'),
    subject: col('text'),
    topic: col('text'),
    owner: col('text', 'identity_key of the owner'),
    owner_name: col('text'),
    status: col('text', 'open, merged, abandoned'),
    original_status: col('text'),
    created_at: col('timestamp'),
    updated_at: col('timestamp'),
    merged_at: col('timestamp'),
    abandoned_at: col('timestamp'),
    patchset_count: col('int'),
    current_sha: col('text'),
    bug_tasks: col('text[]'),
    depends_on: col('text[]'),
    submitter: col('text', 'identity_key of who submitted (merged) it'),
    raw_id: col('text'),
  },
});

export const patchsets = defineTable({
  name: 'patchsets',
  doc: 'patch set of a change',
  mode: 'upsert',
  key: ['patchset_key'],
  writers: GERRIT,
  columns: {
    patchset_key: req('text', '<change_key>/<n>'),
    change_key: req('text'),
    number: req('int'),
    sha: col('text'),
    uploader: col('text'),
    kind: col('text'),
    created_at: col('timestamp'),
    raw_id: col('text'),
  },
});

export const votes = defineTable({
  name: 'votes',
  doc: 'label vote (or its removal) on a patch set',
  mode: 'upsert',
  key: ['vote_key'],
  writers: GERRIT,
  columns: {
    vote_key: req('text', '<change_key>/<ps>/<label>/<voter>/<at>'),
    change_key: req('text'),
    patchset: col('int'),
    label: req('text'),
    value: col('int', 'NULL when the vote was removed'),
    removed: col('bool'),
    voter: col('text'),
    voted_at: col('timestamp'),
    raw_id: col('text'),
  },
});

export const changeMessages = defineTable({
  name: 'change_messages',
  doc: 'review message on a change',
  mode: 'upsert',
  key: ['message_key'],
  writers: GERRIT,
  columns: {
    message_key: req('text', '<change_key>/<message id or commit sha>'),
    change_key: req('text'),
    patchset: col('int'),
    author: col('text'),
    posted_at: col('timestamp'),
    tag: col('text'),
    message: col('text'),
    raw_id: col('text'),
  },
});

