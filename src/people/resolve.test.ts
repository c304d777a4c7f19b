// The people rules one by one, the refused transitive merge, undo by taking a decision
// away, and the same people whatever order the accounts, pairs and attributes come in.
import { describe, expect, it } from 'vitest';
import { type Account, type Attribute, type Decision, type Pair, resolvePeople, type ResolveInput } from './resolve.ts';

const at = new Date('2026-01-01T00:00:00Z');
const git = (email: string, name: string): Account => ({ key: `git:${email.toLowerCase()}`, system: 'git', name, email });
const gerrit = (id: number, name: string, extra: Partial<Account> = {}): Account => ({ key: `gerrit:${id}`, system: 'gerrit', name, ...extra });
const phab = (phid: string, username: string, name: string): Account => ({ key: `phabricator:${phid}`, system: 'phabricator', name, username });
const irc = (nick: string): Account => ({ key: `irc:${nick}`, system: 'irc', username: nick });
const owner = (a: string, b: string, n: number): Pair => ({ a, b, rule: 'change-owner-author', evidence: `change ${n}` });

function person(r: ReturnType<typeof resolvePeople>, key: string) {
  return r.people.find((p) => p.personKey === r.personOf.get(key));
}

describe('resolvePeople: the rules', () => {
  it('email: same email, case-insensitive', () => {
    const r = resolvePeople({ accounts: [git('Ann@Example.org', 'Ann A'), gerrit(1, 'Ann A', { email: 'ann@example.org' })] });
    expect(r.people).toHaveLength(1);
    expect(r.people[0]).toMatchObject({ displayName: 'Ann A', accounts: ['gerrit:1', 'git:ann@example.org'], systems: ['gerrit', 'git'] });
    expect(r.merges).toEqual([expect.objectContaining({ rule: 'email', status: 'applied', mergeKey: 'email:ann@example.org' })]);
  });

  it('email given by another source (an attribute) joins too, citing it', () => {
    const attr: Attribute = { key: 'gerrit:1', email: 'ann@example.org', evidence: 'Zuul: owner of change 5 is ann <ann@example.org>' };
    const r = resolvePeople({ accounts: [git('ann@example.org', 'Ann A'), gerrit(1, 'Ann A')], attributes: [attr] });
    expect(r.people).toHaveLength(1);
    expect(r.merges[0].evidence).toContain('Zuul');
  });

  it('change-owner-author: a Gerrit account and the emails of its commits', () => {
    const r = resolvePeople({
      accounts: [gerrit(1, 'Ann A'), git('ann@old.org', 'Ann A'), git('ann@new.org', 'Ann A')],
      pairs: [owner('gerrit:1', 'git:ann@old.org', 10), owner('gerrit:1', 'git:ann@new.org', 11)],
    });
    expect(r.people).toHaveLength(1);
    expect(r.merges).toEqual([expect.objectContaining({ rule: 'change-owner-author', status: 'applied', identityKeys: ['gerrit:1', 'git:ann@new.org', 'git:ann@old.org'] })]);
    expect(r.merges[0].evidence).toBe('change 10; change 11');
  });

  it('username: Gerrit username = Phabricator username = SAL nick; git accounts carry none', () => {
    const r = resolvePeople({ accounts: [gerrit(1, 'Ann A', { username: 'anna' }), phab('PHID-USER-a', 'anna', 'Ann A'), irc('anna'), git('anna@x.org', 'Ann A')] });
    expect(r.people).toHaveLength(2);
    expect(person(r, 'irc:anna')!.accounts).toEqual(['gerrit:1', 'irc:anna', 'phabricator:PHID-USER-a']);
    expect(person(r, 'irc:anna')!.personKey).toBe('person:anna');
  });

  it('username given by scap ("Approved by anna@deploy1002 using scap backport" on the account\'s vote)', () => {
    const r = resolvePeople({
      accounts: [gerrit(1, 'Ann A'), irc('anna')],
      attributes: [{ key: 'gerrit:1', username: 'anna', evidence: 'change 7: gerrit:1 "Approved by anna@deploy1002 using scap backport"' }],
    });
    expect(r.people).toHaveLength(1);
    expect(r.merges[0]).toMatchObject({ rule: 'username', status: 'applied' });
  });

  it('mapping (people.yaml): joins whatever it lists, names and keys the person', () => {
    const d: Decision = { id: 'map:ann', action: 'map', keys: ['git:ann@x.org', 'irc:nanna'], personId: 'ann', displayName: 'Ann Example', at };
    const r = resolvePeople({ accounts: [git('ann@x.org', 'A.'), irc('nanna')], decisions: [d] });
    expect(r.people).toEqual([expect.objectContaining({ personKey: 'person:ann', displayName: 'Ann Example', accounts: ['git:ann@x.org', 'irc:nanna'] })]);
    expect(r.merges[0]).toMatchObject({ rule: 'mapping', decisionId: 'map:ann' });
  });

  it('bots: a person whose account matches the list is that bot, with the list version', () => {
    const r = resolvePeople({ accounts: [gerrit(75, 'jenkins-bot'), git('jenkins-bot@gerrit.wikimedia.org', 'jenkins-bot')], bots: { version: 7, list: [{ name: 'jenkins-bot', pattern: /^jenkins-bot$/i }] } });
    expect(r.people.map((p) => [p.bot, p.botListVersion])).toEqual([['jenkins-bot', 7], ['jenkins-bot', 7]]);
  });
});

describe('resolvePeople: never transitive guessing', () => {
  // Two people of two accounts each, and one shared nick that would join them.
  const input: ResolveInput = {
    accounts: [
      gerrit(1, 'Ann A', { email: 'ann@x.org' }), git('ann@x.org', 'Ann A'),
      gerrit(2, 'Bob B', { email: 'bob@x.org' }), git('bob@x.org', 'Bob B'),
      phab('PHID-USER-a', 'ops', 'Ann A'), irc('ops'),
    ],
    attributes: [
      { key: 'gerrit:1', username: 'ops', evidence: 'gerrit:1 approved as ops@deploy1002' },
      { key: 'gerrit:2', username: 'ops', evidence: 'gerrit:2 approved as ops@deploy1002' },
    ],
  };

  it('proposes, does not apply, a join of two people with several accounts each', () => {
    const r = resolvePeople(input);
    expect(r.personOf.get('gerrit:1')).not.toBe(r.personOf.get('gerrit:2'));
    const proposal = r.merges.find((m) => m.status === 'proposed')!;
    expect(proposal).toMatchObject({ rule: 'username', mergeKey: 'username:ops', personKey: null });
    expect(proposal.peopleKeys).toEqual([r.personOf.get('gerrit:1'), r.personOf.get('gerrit:2'), r.personOf.get('irc:ops')].sort());
  });

  it('a manual merge accepts it; taking the decision away undoes it', () => {
    const merge: Decision = { id: 'd1', action: 'merge', keys: ['gerrit:1', 'gerrit:2'], note: 'same team account', at };
    const merged = resolvePeople({ ...input, decisions: [merge] });
    expect(merged.personOf.get('gerrit:1')).toBe(merged.personOf.get('gerrit:2'));
    expect(merged.merges.find((m) => m.rule === 'manual')).toMatchObject({ status: 'applied', decisionId: 'd1' });
    const undone = resolvePeople(input);
    expect(undone.personOf.get('gerrit:1')).not.toBe(undone.personOf.get('gerrit:2'));
  });

  it('split keeps an account out of every automatic rule; undoing the split joins it again', () => {
    const base = resolvePeople({ accounts: [git('ann@x.org', 'Ann A'), gerrit(1, 'Ann A', { email: 'ann@x.org' })] });
    expect(base.people).toHaveLength(1);
    const split: Decision = { id: 'd2', action: 'split', keys: ['gerrit:1'], note: 'shared inbox', at };
    const r = resolvePeople({ accounts: [git('ann@x.org', 'Ann A'), gerrit(1, 'Ann A', { email: 'ann@x.org' })], decisions: [split] });
    expect(r.people).toHaveLength(2);
    expect(r.merges.map((m) => [m.rule, m.status])).toEqual([['email', 'kept-apart'], ['manual', 'kept-apart']]);
  });
});

describe('resolvePeople: order independence', () => {
  const accounts = [
    gerrit(1, 'Ann A'), git('ann@x.org', 'Ann A'), git('ann@old.org', 'Ann'), phab('PHID-USER-a', 'anna', 'Ann A'), irc('anna'),
    gerrit(2, 'Bob B', { email: 'bob@x.org', username: 'bob' }), git('bob@x.org', 'Bob B'), irc('bob'), irc('ops'),
    gerrit(3, 'Cy C', { username: 'ops' }), git('cy@x.org', 'Cy C'), phab('PHID-USER-c', 'cy', 'Cy C'),
  ];
  const pairs = [owner('gerrit:1', 'git:ann@x.org', 1), owner('gerrit:1', 'git:ann@old.org', 2), owner('gerrit:3', 'git:cy@x.org', 3), owner('gerrit:2', 'git:cy@x.org', 4)];
  const attributes: Attribute[] = [{ key: 'gerrit:1', username: 'anna', evidence: 'scap' }, { key: 'gerrit:2', username: 'ops', evidence: 'scap' }];

  function* permutations<T>(xs: T[]): Generator<T[]> {
    if (xs.length <= 1) return yield xs;
    for (let i = 0; i < xs.length; i++) for (const p of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) yield [xs[i], ...p];
  }
  const shape = (r: ReturnType<typeof resolvePeople>) => JSON.stringify({ people: r.people, personOf: [...r.personOf].sort(), merges: r.merges });

  it('gives the same people, keys and merge record for every order of pairs and attributes, and shuffled accounts', () => {
    const expected = shape(resolvePeople({ accounts, pairs, attributes }));
    let n = 0;
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const ps of permutations(pairs)) {
      for (const as of permutations(attributes)) {
        const shuffled = [...accounts].sort(() => rnd() - 0.5);
        expect(shape(resolvePeople({ accounts: shuffled, pairs: ps, attributes: as }))).toBe(expected);
        n++;
      }
    }
    expect(n).toBe(48);
  });

  it('every permutation of a small account list', () => {
    const few = accounts.slice(0, 6);
    const expected = shape(resolvePeople({ accounts: few, pairs, attributes }));
    for (const p of permutations(few)) expect(shape(resolvePeople({ accounts: p, pairs, attributes }))).toBe(expected);
  });
});
