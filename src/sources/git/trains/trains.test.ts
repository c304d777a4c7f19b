// Pure parts of the trains: version names of 2012–now with the typos of real history,
// the wikiversions formats (JSON, minified JSON, broken JSON, .dat), the wiki-by-wiki
// diff, the Mountain-time weekday, and the train-stats figures on a hand-worked train.
import { describe, expect, it } from 'vitest';
import { computeTrains, groupDelayDays, type TrainCommit } from './compute.ts';
import { diffWikiversions } from './diff.ts';
import { mountainIsoWeekday } from './mountain-time.ts';
import { compareBranchVersions, parseBranchVersion } from './versions.ts';
import { changedLines, parseWikiversions, readEntries, scanWikiversions } from './wikiversions.ts';
import { wikiversionsRejects } from './check.ts';

describe('parseBranchVersion', () => {
  it('normalises php-1.23wmf14 and 1.47.0-wmf.16 alike and reads the typos of real history', () => {
    expect(parseBranchVersion('php-1.23wmf14')?.name).toBe('1.23wmf14');
    expect(parseBranchVersion('1.23wmf14')?.name).toBe('1.23wmf14');
    expect(parseBranchVersion('php-1.47.0-wmf.16')?.name).toBe('1.47.0-wmf.16');
    expect(parseBranchVersion('php-1.18')?.name).toBe('1.18');
    expect(parseBranchVersion('php-1.21wm3')?.name).toBe('1.21wmf3');
    expect(parseBranchVersion('php-1.40-0-wmf.4')?.name).toBe('1.40.0-wmf.4');
    expect(parseBranchVersion('php-1.32.0.18')?.name).toBe('1.32.0-wmf.18');
    expect(parseBranchVersion('php-1.40.1-wmf.3')?.name).toBe('1.40.1-wmf.3');
    expect(parseBranchVersion('php-1.32.0-wmf.999')?.name).toBe('1.32.0-wmf.999');
    expect(parseBranchVersion('php-master')).toBeNull();
  });

  it('orders versions numerically, wmf.10 after wmf.9', () => {
    const v = (s: string) => parseBranchVersion(s)!;
    expect(compareBranchVersions(v('1.35.0-wmf.10'), v('1.35.0-wmf.9'))).toBeGreaterThan(0);
    expect(compareBranchVersions(v('1.23wmf22'), v('1.24wmf1'))).toBeLessThan(0);
    expect(compareBranchVersions(v('1.26wmf24'), v('1.27.0-wmf.1'))).toBeLessThan(0);
    expect(compareBranchVersions(v('1.21wm3'), v('php-1.21wmf3'))).toBe(0);
  });
});

describe('parseWikiversions', () => {
  it('reads pretty, minified and .dat files', () => {
    const pretty = '{\n    "enwiki": "php-1.37.0-wmf.5",\n    "testwiki": "php-1.37.0-wmf.6"\n}\n';
    expect(parseWikiversions(pretty, 'wikiversions.json')).toEqual({
      versions: new Map([['enwiki', 'php-1.37.0-wmf.5'], ['testwiki', 'php-1.37.0-wmf.6']]), problems: [],
    });
    expect(parseWikiversions('{"aawiki":"php-1.26wmf6","zuwiki":"php-1.26wmf7"}', 'wikiversions.json').versions.get('zuwiki')).toBe('php-1.26wmf7');
    const dat = parseWikiversions('aawiki php-1.18\nenwiki php-1.19 *\n\nbroken\n', 'wikiversions.dat');
    expect([...dat.versions]).toEqual([['aawiki', 'php-1.18'], ['enwiki', 'php-1.19']]);
    expect(dat.problems).toEqual(['wikiversions.dat:4: expected "wiki version", got "broken"']);
  });

  it('still reads the entries of a commit that broke the JSON, and says where', () => {
    const conflict = '{\n<<<<<<< HEAD\n    "cawikimedia": "php-1.24wmf20",\n    "enwiki": "php-1.24wmf20"\n}\n';
    const st = parseWikiversions(conflict, 'abc:wikiversions.json');
    expect(st.versions.get('enwiki')).toBe('php-1.24wmf20');
    expect(st.problems).toEqual([expect.stringMatching(/^abc:wikiversions\.json:2: not a flat JSON object .*"<<<<<<< HEAD"/)]);
    const missingComma = '{\n    "a": "php-1.30.0-wmf.6"\n    "b": "php-1.30.0-wmf.6"\n}';
    expect(parseWikiversions(missingComma, 'x.json').problems).toHaveLength(1);
  });

  it('scans distinct versions and problems in one pass, for the normalize-time check', () => {
    const conflict = '{\n<<<<<<< HEAD\n    "a": "php-1.24wmf20",\n    "b": "php-master"\n}\n';
    const scan = scanWikiversions(conflict, 'abc:wikiversions.json');
    expect([...scan.values]).toEqual(['php-1.24wmf20', 'php-master']);
    expect(scan.problems).toEqual(parseWikiversions(conflict, 'abc:wikiversions.json').problems);
    const rec = { rawId: 'git:wikiversions:abc:wikiversions.json#1', source: 'git', scope: 'r', kind: 'wikiversions', key: 'abc:wikiversions.json',
      url: '/m#abc:wikiversions.json', payload: conflict, contentHash: 'h', fetchedAt: new Date(0) };
    expect(wikiversionsRejects(rec).map((r) => [r.location, r.reason.slice(0, 40)])).toEqual([
      ['/m#abc:wikiversions.json', 'abc:wikiversions.json:2: not a flat JSON'],
      ['/m#abc:wikiversions.json', 'abc:wikiversions.json: "php-master" is n'],
    ]);
  });

  it('narrows two states to the changed whole lines', () => {
    const a = '{\n "a": "php-1.1.0-wmf.1",\n "b": "php-1.1.0-wmf.1",\n "c": "php-1.1.0-wmf.1"\n}\n';
    const b = a.replace('"b": "php-1.1.0-wmf.1"', '"b": "php-1.1.0-wmf.2"');
    expect(changedLines(a, b)).toEqual([' "b": "php-1.1.0-wmf.1",', ' "b": "php-1.1.0-wmf.2",']);
    expect(changedLines('x', 'y')).toEqual(['x', 'y']);
    expect(changedLines('\nx', 'y')).toEqual(['\nx', 'y']);
    const [was, now] = changedLines(a, b);
    expect(readEntries(was, 'wikiversions.json').get('b')).toBe('php-1.1.0-wmf.1');
    expect(readEntries(now, 'wikiversions.json').get('b')).toBe('php-1.1.0-wmf.2');
  });
});

describe('diffWikiversions', () => {
  it('sees forward and back moves in one mixed commit, and ignores additions, removals and typo fixes', () => {
    const before = new Map([
      ['testwiki', 'php-1.40.0-wmf.4'], ['mediawikiwiki', 'php-1.40.0-wmf.5'], ['enwiki', 'php-1.40.0-wmf.4'],
      ['bclwikiquote', 'php-1.40-0-wmf.4'], ['gone', 'php-1.40.0-wmf.4'],
    ]);
    const after = new Map([
      ['testwiki', 'php-1.40.0-wmf.5'], ['mediawikiwiki', 'php-1.40.0-wmf.4'], ['enwiki', 'php-1.40.0-wmf.4'],
      ['bclwikiquote', 'php-1.40.0-wmf.4'], ['new', 'php-1.40.0-wmf.5'],
    ]);
    const d = diffWikiversions(before, after, 'c1');
    expect(d.problems).toEqual([]);
    expect([...d.byVersion.keys()]).toEqual(['1.40.0-wmf.5']);
    expect(d.byVersion.get('1.40.0-wmf.5')).toEqual({
      forward: [{ wiki: 'testwiki', from: '1.40.0-wmf.4', to: '1.40.0-wmf.5' }],
      back: [{ wiki: 'mediawikiwiki', from: '1.40.0-wmf.5', to: '1.40.0-wmf.4' }],
    });
  });

  it('reports an unreadable version with the wiki and keeps going', () => {
    const d = diffWikiversions(new Map([['a', 'php-master'], ['b', 'php-1.1wmf1']]), new Map([['a', 'php-1.1wmf2'], ['b', 'php-1.1wmf2']]), 'c2');
    expect(d.problems).toEqual(['c2: a: cannot read version "php-master"']);
    expect(d.byVersion.get('1.1wmf2')?.forward.map((m) => m.wiki)).toEqual(['b']);
  });
});

describe('mountainIsoWeekday', () => {
  it('uses US Mountain time with its DST rules', () => {
    expect(mountainIsoWeekday(new Date('2021-05-12T05:59:00Z'))).toBe(2); // 23:59 MDT Tuesday
    expect(mountainIsoWeekday(new Date('2021-05-12T06:00:00Z'))).toBe(3); // 00:00 MDT Wednesday
    expect(mountainIsoWeekday(new Date('2021-01-13T06:59:00Z'))).toBe(2); // 23:59 MST Tuesday
    expect(mountainIsoWeekday(new Date('2021-01-13T07:00:00Z'))).toBe(3); // 00:00 MST Wednesday
  });
});

const at = (iso: string) => new Date(iso);
function commit(sha: string, iso: string, moves: Record<string, { forward?: string[]; back?: string[] }>, bugTasks: string[] = []): TrainCommit {
  const byVersion = new Map(Object.entries(moves).map(([v, m]) => [v, {
    forward: (m.forward ?? []).map((wiki) => ({ wiki, from: 'old', to: v })),
    back: (m.back ?? []).map((wiki) => ({ wiki, from: v, to: 'old' })),
  }]));
  return { sha, commitKey: `commit:r:${sha}`, committedAt: at(iso), bugTasks, rawId: `git:wikiversions:${sha}`, byVersion };
}

describe('computeTrains', () => {
  // A train that starts Tuesday 2021-05-11, is rolled back from group1 on Wednesday,
  // goes forward again on Thursday, and reaches group2 the following Monday.
  const V = '1.37.0-wmf.5';
  const commits = [
    commit('a', '2021-05-11T15:00:00Z', { [V]: { forward: ['testwiki', 'test2wiki'] } }, ['T281146']),
    commit('b', '2021-05-11T19:00:00Z', { [V]: { forward: ['mediawikiwiki'] } }, ['T281146']),
    commit('c', '2021-05-12T19:00:00Z', { [V]: { forward: ['commonswiki', 'dewiki'] } }, ['T281146']),
    commit('d', '2021-05-12T21:00:00Z', { [V]: { back: ['commonswiki', 'dewiki'] } }),
    commit('e', '2021-05-12T22:00:00Z', { [V]: { back: ['frwiki'] } }), // a second rollback before the next roll-forward
    commit('f', '2021-05-13T19:00:00Z', { [V]: { forward: ['commonswiki', 'dewiki'] } }, ['T281146']),
    commit('g', '2021-05-17T19:00:00Z', { [V]: { forward: ['enwiki'] }, '1.37.0-wmf.4': { back: ['x'] } }, ['T281146']),
  ];
  const { trains, train_events } = computeTrains(commits);
  const train = trains.find((t) => t.version === V)!;

  it('computes the train-stats figures', () => {
    expect(train).toMatchObject({
      train_key: `train:${V}`, first_rollforward_at: at('2021-05-11T15:00:00Z'), last_rollforward_at: at('2021-05-17T19:00:00Z'),
      total_time_s: 6 * 86400 + 4 * 3600, rollbacks: 2, rollbacks_time_s: 22 * 3600, // d → f
      group0_at: at('2021-05-11T19:00:00Z'), group1_at: at('2021-05-13T19:00:00Z'), group2_at: at('2021-05-17T19:00:00Z'),
      group0_delay_days: 0, group1_delay_days: 1, group2_delay_days: 4, total_delay_days: 5,
      reached_group2: true, blocker_task: 'T281146', raw_id: 'git:wikiversions:a',
    });
  });

  it('makes one event per commit, version and canary group', () => {
    const mine = train_events.filter((e) => e.version === V).map((e) => `${e.kind} ${e.wiki_group} ${String(e.commit_key).slice(9)}`);
    expect(mine).toEqual([
      'rollforward testwikis a', 'rollforward group0 b', 'rollforward group1 c', 'rollback group1 d', 'rollback other e',
      'rollforward group1 f', 'rollforward group2 g',
    ]);
    expect(train_events.find((e) => e.event_key === `train:${V}/c/group1`)).toMatchObject({ wikis_moved: 2, to_version: V, from_version: 'old' });
  });

  it('keeps a version that was only ever rolled back from out of trains, but records its event', () => {
    expect(trains.some((t) => t.version === '1.37.0-wmf.4')).toBe(false);
    expect(train_events.some((e) => e.version === '1.37.0-wmf.4' && e.kind === 'rollback')).toBe(true);
  });

  it('counts no delay within 24 h of the start, and the Mountain weekday after', () => {
    const start = at('2021-05-11T15:00:00Z');
    expect(groupDelayDays('group1', at('2021-05-12T14:59:00Z'), start)).toBe(0);
    expect(groupDelayDays('group1', at('2021-05-13T05:00:00Z'), start)).toBe(0); // Wed 23:00 MDT, Thu in UTC
    expect(groupDelayDays('group2', at('2021-05-18T16:00:00Z'), start)).toBe(5); // Tuesday: 2 − 4 mod 7
    expect(groupDelayDays('group2', null, start)).toBeNull();
  });
});
