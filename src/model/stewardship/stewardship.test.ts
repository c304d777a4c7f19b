// The pure parts of stewardship: periods from points, the bot list, LibUp's rule for
// versions, and the lifecycle reconciliation on OpenStackManager's real dates.
import { describe, expect, it } from 'vitest';
import { classifyCommit } from './bots.ts';
import { reconcile } from './lifecycle.ts';
import { periodsOf } from './periods.ts';
import { equalsLatest, meetsSafeTarget, newerVersion } from './versions.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('periods', () => {
  it('orders points, folds repeats and ends each period where the next begins', () => {
    const r = periodsOf([{ value: 'b', since_at: d('2020-03-01') }, { value: 'a', since_at: d('2020-01-01') }, { value: 'a', since_at: d('2020-02-01') }, { value: null, since_at: d('2020-04-01') }]);
    expect(r.periods.map((p) => [p.value, p.since_at.toISOString().slice(0, 10), p.until_at?.toISOString().slice(0, 10) ?? null]))
      .toEqual([['a', '2020-01-01', '2020-03-01'], ['b', '2020-03-01', '2020-04-01'], [null, '2020-04-01', null]]);
    expect(r.repeats.map((p) => p.since_at)).toEqual([d('2020-02-01')]);
  });
});

describe('bots', () => {
  it('is human when anyone on the commit is human', () => {
    expect(classifyCommit([{ name: 'libraryupgrader', email: 'tools.libraryupgrader@tools.wmflabs.org' }, { name: 'jenkins-bot' }])).toEqual({ human: false, bot: 'libraryupgrader' });
    expect(classifyCommit([{ name: 'gerritbot', email: 'ladsgroup+gerritbot@gmail.com' }, { name: 'DannyS712', email: 'dannys712.wiki@gmail.com' }])).toEqual({ human: true, bot: null });
    expect(classifyCommit([{ name: 'Translation updater bot', email: 'l10n-bot@translatewiki.net' }])).toEqual({ human: false, bot: 'translatewiki' });
  });
});

describe("LibUp's rule", () => {
  it('accepts equal strings, file: paths and versions at or above the target with ^~<>= removed', () => {
    expect(meetsSafeTarget('43.0.0', '43.0.0')).toBe(true);
    expect(meetsSafeTarget('^0.28.1', '0.27.0')).toBe(true);
    expect(meetsSafeTarget('>=1.2.0', '1.10.0')).toBe(false); // 1.2.0 < 1.10.0 by semver, not by string
    expect(meetsSafeTarget('file:../wdio-mediawiki', '2.0.0')).toBe(true);
    expect(meetsSafeTarget('dev-master', '1.0.0')).toBe(false); // unparseable
    expect(meetsSafeTarget('1.0.0-beta.2', '1.0.0')).toBe(false); // a prerelease is older
    expect(meetsSafeTarget(null, '1.0.0')).toBe(false);
    expect(equalsLatest('^0.28.1', '0.28.1')).toBe(false); // the table compares strings
    expect(newerVersion('0.9.0', '0.10.0')).toBe('0.10.0');
  });
});

describe('lifecycle', () => {
  it('OpenStackManager: archived in CI on 2024-06-24 after bot-only commits, with the three dates', () => {
    const l = reconcile({
      repo: 'mediawiki/extensions/OpenStackManager',
      signals: [
        { fact: 'ci.archived', value: 'true', since_at: new Date('2024-06-24T18:10:03Z') },
        { fact: 'ci.wikimedia_deployed', value: 'false', since_at: new Date('2024-06-24T18:10:03Z') },
        { fact: 'gerrit.state', value: 'ACTIVE', since_at: d('2026-01-01') },
        { fact: 'wmf.deployed', value: 'false', since_at: d('2024-06-01') },
      ],
      lastHumanAt: new Date('2024-01-12T19:12:44Z'), lastBotAt: new Date('2024-03-27T07:18:01Z'),
    });
    expect(l).toMatchObject({
      status: 'archived', archived: true, deployed: false, disagree: true,
      archived_at: new Date('2024-06-24T18:10:03Z'), last_human_commit_at: new Date('2024-01-12T19:12:44Z'), last_bot_commit_at: new Date('2024-03-27T07:18:01Z'),
    });
    expect(l.disagreements).toEqual(['archived? CI marks it archived (since 2024-06-24); Gerrit project is ACTIVE (since 2026-01-01)']);
  });

  it('orders the statuses and says when deployment signals disagree', () => {
    const base = { repo: 'r', lastHumanAt: d('2025-01-01') };
    expect(reconcile({ ...base, signals: [{ fact: 'wmf.deployed', value: 'true', since_at: d('2020-01-01') }, { fact: 'ci.wikimedia_deployed', value: 'false', since_at: d('2020-01-01') }] }))
      .toMatchObject({ status: 'wikimedia-deployed', disagree: true });
    expect(reconcile({ ...base, signals: [{ fact: 'ci.broken', value: 'true', since_at: d('2020-01-01') }] }).status).toBe('broken');
    expect(reconcile({ ...base, signals: [{ fact: 'wiki.status', value: 'obsolete', since_at: d('2020-01-01') }] }).status).toBe('obsolete');
    expect(reconcile({ repo: 'r', lastHumanAt: d('2020-01-01'), lastBotAt: d('2023-01-01'), signals: [] })).toMatchObject({ status: 'unmaintained', reason: 'no human commit since 2020-01-01, bot-only commits until 2023-01-01' });
    expect(reconcile({ ...base, signals: [] }).status).toBe('maintained');
  });

  it('calls a repository that left CI config, with nothing else known, unknown rather than maintained', () => {
    const left = ['ci.archived', 'ci.broken', 'ci.wikimedia_deployed'].map((fact) => ({ fact, value: null, since_at: d('2016-10-04') }));
    expect(reconcile({ repo: 'mediawiki/extensions/2ColConflict', signals: left }))
      .toMatchObject({ status: 'unknown', reason: 'not in CI config (zuul/layout.yaml) since 2016-10-04; no other signal', deployed: null, archived: false });
    // anything else known decides as before
    expect(reconcile({ repo: 'r', signals: left, lastHumanAt: d('2025-01-01') }).status).toBe('maintained');
    expect(reconcile({ repo: 'r', signals: [...left, { fact: 'wmf.deployed', value: 'true', since_at: d('2020-01-01') }] }).status).toBe('wikimedia-deployed');
    expect(reconcile({ repo: 'r', signals: [...left, { fact: 'wiki.archived', value: 'true', since_at: d('2017-01-01') }] }).status).toBe('archived');
  });
});
