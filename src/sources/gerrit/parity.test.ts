// The same change read from Gerrit REST and from NoteDB gives the same rows (raw_id aside):
// change 520673 of operations/mediawiki-config, its real NoteDB meta log and its REST
// ChangeInfo (o=ALL_REVISIONS, ALL_COMMITS, MESSAGES, DETAILED_LABELS, DETAILED_ACCOUNTS).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawRecord, Row } from '../types.ts';
import { normalizeNotedb } from '../gerrit-notedb/normalize.ts';
import { parseGerritJson } from './http.ts';
import { normalizeGerrit } from './normalize.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const PS_COMMIT = `tree 06766449c92080a0429db5ee5d95e401b395604f
parent 06b7c2f3d0e3f1b52d2b6d6a8e4b7b6f9d4b1c2a
author Marostegui <marostegui@wikimedia.org> 1562217079 +0200
committer Marostegui <marostegui@wikimedia.org> 1562217079 +0200

db-eqiad.php: Depool db1101

Bug: T227166
Change-Id: I29163970edcbcf0ee9d0a6c524b4264dd6813e5f
`;

function record(source: string, kind: string, url: string, payload: string): RawRecord {
  return { rawId: `${source}:${kind}:520673#x`, source, scope: 's', kind, key: '520673', url, payload, contentHash: 'x', fetchedAt: new Date(0) };
}

const strip = (rows: Row[]) => rows.map(({ raw_id: _r, ...rest }) => rest);

describe('REST and NoteDB agree on change 520673', () => {
  const notedb = normalizeNotedb([record('gerrit-notedb', 'change-meta', '/mirror#refs/changes/73/520673/meta', JSON.stringify({
    project: 'operations/mediawiki-config', host: 'gerrit.wikimedia.org', number: 520673,
    refs: { 1: '4fed25d6aa84f9d07c85547caf943adaef3df58a' }, meta: read('../gerrit-notedb/fixtures/change-520673.meta.log'), commit: PS_COMMIT,
  }))], { source: 'gerrit-notedb', scope: 's' });
  const [info] = parseGerritJson(read('./fixtures/change-520673.rest.json'), 'fixture') as unknown[];
  const rest = normalizeGerrit([record('gerrit', 'change', 'https://gerrit.wikimedia.org/r/changes/?q=change:520673', JSON.stringify(info))], { source: 'gerrit', scope: 's' });

  it('has no rejects on either side', () => {
    expect(notedb.rejects).toEqual([]);
    expect(rest.rejects).toEqual([]);
  });

  for (const table of ['changes', 'patchsets', 'votes', 'change_messages', 'ci_builds', 'links'] as const) {
    it(`gives identical ${table} rows`, () => {
      expect(notedb.rows[table].length).toBeGreaterThan(0);
      expect(strip(rest.rows[table])).toEqual(strip(notedb.rows[table]));
    });
  }

  it('names the submitter: the author of NoteDB\'s merge commit, REST\'s submitter (jenkins-bot, account 75)', () => {
    expect(notedb.rows.changes?.map((c) => c.submitter)).toEqual(['gerrit:75']);
    expect(rest.rows.changes?.map((c) => c.submitter)).toEqual(['gerrit:75']);
  });

  it('names the same accounts (REST adds emails and usernames)', () => {
    const ids = (rows: Row[]) => rows.map((r) => `${r.identity_key} ${r.name}`).sort();
    expect(ids(rest.rows.identities)).toEqual(ids(notedb.rows.identities));
    expect(rest.rows.identities.find((r) => r.identity_key === 'gerrit:3731')).toMatchObject({ email: 'marostegui@wikimedia.org', username: 'marostegui' });
  });
});
