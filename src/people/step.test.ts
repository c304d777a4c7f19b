// The people derive step on a store: accounts from identities and SAL/deploy nicks, the
// change-owner-author and scap evidence read by SQL, people.yaml and manual decisions from
// people_decisions; writes people, identities.person_key and people_merges.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { runPeople } from './step.ts';

let store: Store;
const t = (s: string) => new Date(`${s}T12:00:00Z`);
const ctx = (s: Store) => ({ all: (q: string, p?: unknown[]) => s.all(q, p as never), remove: (tb: string, w: string, p?: unknown[]) => s.remove(tb, w, p), write: (tb: string, r: Record<string, unknown>[]) => s.write(tb, r as never), now: t('2026-01-01') });
const run = () => store.transaction((tx) => runPeople(ctx(tx) as never));

beforeEach(async () => {
  store = await openStore(':memory:');
  await store.write('identities', [
    { identity_key: 'gerrit:1', system: 'gerrit', account: '1', name: 'Ann  Anders' },
    { identity_key: 'gerrit:2', system: 'gerrit', account: '2', name: 'Bob Berg' },
    { identity_key: 'git:ann@x.org', system: 'git', account: 'ann@x.org', name: 'Ann Anders', email: 'ann@x.org' },
    { identity_key: 'git:ann@old.org', system: 'git', account: 'ann@old.org', name: 'ann anders', email: 'Ann@old.org' },
    { identity_key: 'git:bob@x.org', system: 'git', account: 'bob@x.org', name: 'Robert B', email: 'bob@x.org' },
    { identity_key: 'phabricator:PHID-USER-a', system: 'phabricator', account: 'PHID-USER-a', name: 'Ann Anders', username: 'anna' },
  ]);
  await store.write('changes', [
    { change_key: 'change:g:10', host: 'g', number: 10, project: 'cfg', change_id: 'I10', owner: 'gerrit:1', owner_name: 'Ann  Anders' },
    { change_key: 'change:g:11', host: 'g', number: 11, project: 'cfg', change_id: 'I11', owner: 'gerrit:1', owner_name: 'Ann  Anders' },
    { change_key: 'change:g:12', host: 'g', number: 12, project: 'cfg', change_id: 'I12', owner: 'gerrit:2', owner_name: 'Bob Berg' },
  ]);
  const commit = (sha: string, changeId: string, name: string, email: string) => ({
    commit_key: `commit:cfg:${sha}`, repo: 'cfg', sha, author_name: name, author_email: email, committed_at: t('2025-01-01'), change_id: changeId, raw_id: `git:commit:${sha}#0`,
  });
  // Bob's change was committed under another name: no evidence, no join.
  await store.write('commits', [commit('aaa', 'I10', 'Ann Anders', 'ann@x.org'), commit('bbb', 'I11', 'Ann Anders', 'Ann@old.org'), commit('ccc', 'I12', 'Robert B', 'bob@x.org')]);
  await store.write('change_messages', [
    { message_key: 'change:g:12/m1', change_key: 'change:g:12', author: 'gerrit:1', posted_at: t('2025-01-02'), message: 'Patch Set 1: Code-Review+2\n\nApproved by anna@deploy1002 using scap backport' },
  ]);
  await store.write('deployments', [{ deploy_key: 'deploy:sal:1', kind: 'backport', deployer: 'Anna', started_at: t('2025-01-02') }]);
});
afterEach(() => store.close());

describe('people step', () => {
  it('joins by change-owner-author and by scap username + SAL nick + Phabricator username; names the person', async () => {
    await run();
    const ids = await store.all<{ identity_key: string; person_key: string }>('SELECT identity_key, person_key FROM identities ORDER BY 1');
    const ann = ids.find((r) => r.identity_key === 'gerrit:1')!.person_key;
    expect(ids.filter((r) => r.person_key === ann).map((r) => r.identity_key)).toEqual(['gerrit:1', 'git:ann@old.org', 'git:ann@x.org', 'irc:anna', 'phabricator:PHID-USER-a']);
    expect(ids.find((r) => r.identity_key === 'gerrit:2')!.person_key).not.toBe(ids.find((r) => r.identity_key === 'git:bob@x.org')!.person_key);
    const [p] = await store.all<{ display_name: string; accounts: number; systems: string[] }>('SELECT display_name, accounts, systems FROM people WHERE person_key = $1', [ann]);
    expect(p).toEqual({ display_name: 'Ann  Anders', accounts: 5, systems: ['gerrit', 'git', 'irc', 'phabricator'] });
    const merges = await store.all<{ rule: string; status: string; evidence: string }>('SELECT rule, status, evidence FROM people_merges ORDER BY merge_key');
    expect(merges.map((m) => [m.rule, m.status])).toEqual([['change-owner-author', 'applied'], ['username', 'applied']]);
    expect(merges[0].evidence).toContain('change 10 owned by gerrit:1 "Ann  Anders" is commit aaa by ann@x.org');
    expect(merges[1].evidence).toContain('Approved by anna@… using scap backport" on change 12');
  });

  it('people.yaml mapping and a manual split from people_decisions; undo brings the rule back', async () => {
    await store.write('people_decisions', [
      { decision_id: 'map:bob', action: 'map', identity_keys: ['gerrit:2', 'git:bob@x.org'], person_id: 'bob', display_name: 'Bob Berg', decided_at: t('2025-01-01') },
      { decision_id: 'd1', action: 'split', identity_keys: ['git:ann@old.org'], note: 'shared address', decided_at: t('2025-02-01') },
    ]);
    await run();
    const personOf = async (k: string) => (await store.all<{ p: string }>('SELECT person_key AS p FROM identities WHERE identity_key = $1', [k]))[0].p;
    expect(await personOf('gerrit:2')).toBe('person:bob');
    expect(await personOf('git:bob@x.org')).toBe('person:bob');
    expect(await personOf('git:ann@old.org')).not.toBe(await personOf('gerrit:1'));
    await store.run("UPDATE people_decisions SET undone_at = TIMESTAMP '2025-03-01' WHERE decision_id = 'd1'");
    await run();
    expect(await personOf('git:ann@old.org')).toBe(await personOf('gerrit:1'));
  });

  it('change-owner-majority: a wiki username on Gerrit, a real name in git, over half of the email\'s changes', async () => {
    await store.write('identities', [
      { identity_key: 'gerrit:3', system: 'gerrit', account: '3', name: 'Marostegui' },
      { identity_key: 'gerrit:4', system: 'gerrit', account: '4', name: 'Deployer' },
      { identity_key: 'git:manuel@x.org', system: 'git', account: 'manuel@x.org', name: 'Manuel Arostegui', email: 'manuel@x.org' },
    ]);
    const n = [20, 21, 22, 23];
    await store.write('changes', n.map((k) => ({ change_key: `change:g:${k}`, host: 'g', number: k, project: 'cfg', change_id: `I${k}`, owner: k === 23 ? 'gerrit:4' : 'gerrit:3' })));
    await store.write('commits', n.map((k) => ({ commit_key: `commit:cfg:c${k}`, repo: 'cfg', sha: `c${k}`, author_name: 'Manuel Arostegui', author_email: 'manuel@x.org', committed_at: t('2025-01-01'), change_id: `I${k}`, raw_id: `git:commit:c${k}#0` })));
    await run();
    const [m] = await store.all<{ rule: string; identity_keys: string[]; evidence: string }>("SELECT rule, identity_keys, evidence FROM people_merges WHERE rule = 'change-owner-majority'");
    expect(m.identity_keys).toEqual(['gerrit:3', 'git:manuel@x.org']); // the deployer's one upload of Manuel's commit joins nothing
    expect(m.evidence).toBe('3 of the 4 changes authored by manuel@x.org are owned by gerrit:3 "Marostegui" (first: change 20, commit c20)');
  });

  it("Zuul's item owner gives the change owner's Gerrit username and email", async () => {
    await store.write('identities', [{ identity_key: 'phabricator:PHID-USER-b', system: 'phabricator', account: 'PHID-USER-b', name: 'Bob Berg', username: 'bobb' }]);
    await store.write('zuul_queue_items', [{ item_key: 'zuul:z/gate/12,1/1', pipeline: 'gate', change_key: 'change:g:12', enqueued_at: t('2025-01-02'), owner_name: 'Bob Berg', owner_email: 'Bob@x.org', owner_username: 'bobb' }]);
    await run();
    const ids = await store.all<{ identity_key: string; person_key: string }>("SELECT identity_key, person_key FROM identities WHERE identity_key IN ('gerrit:2', 'git:bob@x.org', 'phabricator:PHID-USER-b') ORDER BY 1");
    expect(new Set(ids.map((r) => r.person_key)).size).toBe(1);
    const merges = await store.all<{ rule: string; evidence: string }>("SELECT rule, evidence FROM people_merges WHERE evidence LIKE 'Zuul%' ORDER BY rule");
    expect(merges.map((m) => m.rule)).toEqual(['email', 'username']);
    expect(merges[1].evidence).toBe('Zuul: the owner of change 12, gerrit:2, is bobb <bob@x.org>; phabricator:PHID-USER-b is username bobb');
  });

  it('runs again to the same answer', async () => {
    await run();
    const first = await store.all('SELECT * FROM people_merges ORDER BY merge_key');
    const people = await store.all('SELECT * FROM people ORDER BY person_key');
    const writes: string[] = [];
    await store.transaction((tx) => runPeople({ ...ctx(tx), write: async (tb: string, rows: Record<string, unknown>[]) => { writes.push(tb); await tx.write(tb, rows as never); },
      remove: async (tb: string, w: string, p?: unknown[]) => { writes.push(`remove ${tb}`); await tx.remove(tb, w, p); } } as never));
    expect(writes).toEqual([]); // nothing changed: nothing written, no table version raised
    expect(await store.all('SELECT * FROM people_merges ORDER BY merge_key')).toEqual(first);
    expect(await store.all('SELECT * FROM people ORDER BY person_key')).toEqual(people);
  });
});
