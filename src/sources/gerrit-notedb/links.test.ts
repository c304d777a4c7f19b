// The link rules this source feeds: commit ↔ change by Change-Id (same project and branch,
// not the wmf/* cherry-pick sharing the id) and change → change by Depends-On.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRepo } from '../../demo/fast-import.ts';
import { writeNoteDb, type NoteDbChange } from '../../demo/emit/notedb-writer.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { gitSource } from '../git/index.ts';
import { gerritNotedbSource } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-notedb-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const alice = { id: 1001, name: 'Alice', email: 'alice@example.org' };
const at = (m: number) => new Date(Date.UTC(2019, 6, 4, 5, m));
const A = `I${'a'.repeat(40)}`;
const B = `I${'b'.repeat(40)}`;

function change(number: number, cid: string, branch: string, message: string): NoteDbChange {
  return {
    number,
    patchsets: [{ number: 1, uploader: alice, at: at(number % 50), message }],
    updates: [{ patchset: 1, author: alice, at: at(number % 50), message: 'Uploaded patch set 1.', footers: [['Change-id', cid], ['Subject', 's'], ['Branch', `refs/heads/${branch}`], ['Status', 'merged']] }],
  };
}

describe('change-id and depends-on links', () => {
  it('joins master commits to their master change and dependent changes to their dependency', async () => {
    const repo = join(dir, 'repo.git');
    const sig = { name: 'Alice', email: 'alice@example.org', at: at(10) };
    await writeRepo(repo, [
      { ref: 'refs/heads/master', author: sig, committer: sig, message: `Change A\n\nChange-Id: ${A}\n`, files: [{ path: 'a', content: 'a\n' }] },
      { ref: 'refs/heads/master', author: sig, committer: sig, message: `Change B\n\nDepends-On: ${A}\nChange-Id: ${B}\n`, files: [{ path: 'b', content: 'b\n' }] },
    ]);
    await writeNoteDb(repo, [
      change(101, A, 'master', `Change A\n\nChange-Id: ${A}\n`),
      change(102, A, 'wmf/1.34.0-wmf.11', `Change A\n\nChange-Id: ${A}\n`),
      change(103, B, 'master', `Change B\n\nDepends-On: ${A}\nChange-Id: ${B}\n`),
    ]);
    const store = await openStore(':memory:');
    const deps = { store, log: silentLogger(), clock: () => at(59), fetch: globalThis.fetch };
    const opts = { name: 'operations/mediawiki-config' };
    await runSource(deps, { source: gitSource, config: undefined, paths: [repo], options: { ...opts, branch: 'master' } });
    await runSource(deps, { source: gerritNotedbSource, config: undefined, paths: [repo], options: opts });
    const links = await store.all<{ rule: string; src_key: string; dst_key: string; evidence: string }>(
      "SELECT rule, src_key, dst_key, evidence FROM links WHERE rule IN ('change-id', 'depends-on') ORDER BY rule, dst_key");
    expect(links.map((l) => [l.rule, l.src_key.replace(/:[0-9a-f]{40}$/, ''), l.dst_key, l.evidence])).toEqual([
      ['change-id', 'commit:operations/mediawiki-config', 'change:gerrit.wikimedia.org:101', `Change-Id: ${A}`],
      ['change-id', 'commit:operations/mediawiki-config', 'change:gerrit.wikimedia.org:103', `Change-Id: ${B}`],
      ['depends-on', 'change:gerrit.wikimedia.org:103', 'change:gerrit.wikimedia.org:101', `Depends-On: ${A}`],
      ['depends-on', 'change:gerrit.wikimedia.org:103', 'change:gerrit.wikimedia.org:102', `Depends-On: ${A}`],
    ]);
    await store.close();
  });
});
