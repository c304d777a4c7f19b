// Manual decisions end to end on a store: a proposal accepted by `merge`, `undo` taking it
// back, a split and its undo, the mapping file loaded (and an entry removed), and the
// one-line errors for a bad file or reference.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { loadMapping, mergePeople, parseMapping, rerunPeople, splitAccount, undoDecision } from './manage.ts';
import { proposals, showPerson } from './read.ts';

let store: Store;
const now = new Date('2026-01-01T00:00:00Z');
const personOf = async (k: string) => (await store.all<{ p: string }>('SELECT person_key AS p FROM identities WHERE identity_key = $1', [k]))[0]?.p;

beforeEach(async () => {
  store = await openStore(':memory:');
  // Two people of two accounts each (same email), and one scap username claimed by both Gerrit accounts.
  await store.write('identities', [
    { identity_key: 'gerrit:1', system: 'gerrit', account: '1', name: 'Ann A', email: 'ann@x.org' },
    { identity_key: 'git:ann@x.org', system: 'git', account: 'ann@x.org', name: 'Ann A', email: 'ann@x.org' },
    { identity_key: 'gerrit:2', system: 'gerrit', account: '2', name: 'Bob B', email: 'bob@x.org' },
    { identity_key: 'git:bob@x.org', system: 'git', account: 'bob@x.org', name: 'Bob B', email: 'bob@x.org' },
  ]);
  const vote = (n: number, who: string) => ({ message_key: `change:g:${n}/m`, change_key: `change:g:${n}`, author: who, posted_at: now, message: 'Approved by ops@deploy1002 using scap backport' });
  await store.write('change_messages', [vote(1, 'gerrit:1'), vote(2, 'gerrit:2')]);
  await rerunPeople(store, now);
});
afterEach(() => store.close());

describe('people decisions', () => {
  it('a refused transitive join is a proposal; merge accepts it; undo takes it back', async () => {
    expect(await personOf('gerrit:1')).not.toBe(await personOf('gerrit:2'));
    const [p] = await proposals(store);
    expect(p).toMatchObject({ rule: 'username', merge_key: 'username:ops', people_keys: ['person:ann', 'person:bob'] });
    expect(p.people).toBe('Ann A (person:ann, 2 accounts); Bob B (person:bob, 2 accounts)');

    const m = await mergePeople(store, ['person:ann', 'person:bob'], 'one shared deploy account', now);
    expect(m.decision).toBe('d1');
    expect(await personOf('gerrit:2')).toBe(await personOf('gerrit:1'));
    const page = await showPerson(store, 'ann@x.org');
    expect(page.merges.map((x) => [x.rule, x.status])).toEqual(expect.arrayContaining([['username', 'accepted'], ['manual', 'applied']]));

    await undoDecision(store, 'd1', now);
    expect(await personOf('gerrit:2')).not.toBe(await personOf('gerrit:1'));
    expect(await proposals(store)).toHaveLength(1);
    await expect(undoDecision(store, 'd1', now)).rejects.toThrow('people undo: d1 was undone already');
  });

  it('split keeps an account apart until undone', async () => {
    const s = await splitAccount(store, 'git:ann@x.org', 'shared inbox', now);
    expect(await personOf('git:ann@x.org')).not.toBe(await personOf('gerrit:1'));
    await undoDecision(store, s.decision, now);
    expect(await personOf('git:ann@x.org')).toBe(await personOf('gerrit:1'));
    await expect(splitAccount(store, 'git:nobody@x.org', null, now)).rejects.toThrow('people split: no account "git:nobody@x.org"');
  });

  it('loads people.yaml (ids, names, accounts) and follows the file when an entry goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'people-'));
    const file = join(dir, 'people.yaml');
    writeFileSync(file, 'version: 1\npeople:\n  - id: ann-b\n    name: Ann and Bob desk\n    accounts: [gerrit:1, gerrit:2]\n');
    expect(await loadMapping(store, file, now)).toEqual({ changed: true, entries: 1 });
    expect(await loadMapping(store, file, now)).toEqual({ changed: false, entries: 1 });
    await rerunPeople(store, now);
    expect(await personOf('git:bob@x.org')).toBe('person:ann-b');
    const [row] = await store.all<{ display_name: string }>("SELECT display_name FROM people WHERE person_key = 'person:ann-b'");
    expect(row.display_name).toBe('Ann and Bob desk');
    writeFileSync(file, 'version: 1\npeople: []\n');
    expect((await loadMapping(store, file, now)).changed).toBe(true);
    await rerunPeople(store, now);
    expect(await personOf('gerrit:2')).not.toBe(await personOf('gerrit:1'));
  });

  it('refuses a bad mapping file in one line', () => {
    expect(() => parseMapping('version: 2\npeople: []\n', 'p.yaml')).toThrow(/^p\.yaml: version: /);
    expect(() => parseMapping('version: 1\npeople:\n  - { id: a, accounts: [bob] }\n', 'p.yaml')).toThrow('p.yaml: people.0.accounts.0: an identity key');
    expect(() => parseMapping('version: 1\npeople:\n  - { id: a, accounts: [irc:x] }\n  - { id: b, accounts: [irc:x] }\n', 'p.yaml')).toThrow('account irc:x is listed under both a and b');
  });
});
