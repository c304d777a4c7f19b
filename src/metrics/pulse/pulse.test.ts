// Pulse of the hand-made week of pulse.fixture.ts, counted by hand: each figure by its own
// event time, accounts of one person joined, new contributors, and coverage gaps.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { NOW, seedPulseWorld, t } from './pulse.fixture.ts';
import { pulse } from './pulse.ts';

async function world() {
  return seedPulseWorld(await openStore(':memory:'));
}

const pick = (rows: Record<string, unknown>[], section: string) => rows.filter((r) => r.section === section);

describe('report pulse', () => {
  it('counts each figure of the period by its own event time', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-03-04', until: '2018-03-11' });
    const figures = Object.fromEntries(pick(r.rows, 'figures').map((x) => [x.name, x.value]));
    expect(figures).toEqual({
      'changes merged': 2, 'changes opened': 3, 'changes abandoned': 1, 'commits landed': 4, 'merge commits': 1,
      'tasks opened': 1, 'tasks closed': 1, 'train promotions': 2, 'trains promoted': 1, rollbacks: 1, 'trains rolled back': 1,
      incidents: 1, 'deploys (train)': 1, 'deploys (backport/config)': 2, 'deploys (bookkeeping)': 1,
    });
    expect(pick(r.rows, 'deploys').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['backport', 1, 'class backport/config; 1 deployer(s); 0 not ok'],
      ['cookbook', 1, 'class bookkeeping; 1 deployer(s); 0 not ok'],
      ['sync-file', 1, 'class backport/config; 1 deployer(s); 1 not ok'],
      ['train-promote', 1, 'class train; 1 deployer(s); 0 not ok'],
    ]);
    expect(r.metric).toBe('pulse@1');
    await store.close();
  });

  it('ranks repositories and people, joins accounts of one person, and names the new contributors', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-03-04', until: '2018-03-11' });
    expect(pick(r.rows, 'repositories').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['config', 3, '2 merged, 3 opened, 3 commits by 2 author(s)'],
      ['tools', 1, '0 merged, 0 opened, 1 commits by 1 author(s)'],
    ]);
    expect(pick(r.rows, 'people').map((x) => [x.name, x.value, x.detail])).toEqual([
      ['Ann Example', 4, '2 commits, 2 merged, 2 opened, 2 deploys'], // her cookbook run is bookkeeping, not a deploy
      ['bob', 1, '1 commits, 0 merged, 0 opened, 0 deploys'],
      ['old', 1, '1 commits, 0 merged, 0 opened, 0 deploys'],
      ['cy', 1, '0 commits, 0 merged, 0 opened, 1 deploys'], // the IRC nick: no rule joins it to Gerrit's Cy
      ['Cy', 0, '0 commits, 0 merged, 1 opened, 0 deploys'],
    ]);
    expect(pick(r.rows, 'new contributors').map((x) => x.name)).toEqual(['Ann Example', 'Cy', 'bob']);
    await store.close();
  });

  it('says which figures the loaded data does not cover, and stamps per-source coverage', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => NOW }, { since: '2018-02-20', until: '2018-03-05' });
    const cov = Object.fromEntries(pick(r.rows, 'figures').map((x) => [x.name, x.coverage]));
    expect(cov['changes merged']).toBe('partly covered, its data (gerrit-notedb) begins 2018-03-04');
    expect(cov['tasks opened']).toBe('partly covered, its data (phabricator) begins 2018-03-02');
    expect(cov['commits landed']).toBe('partly covered, its data (git) begins 2018-03-01');
    expect(r.coverage.gaps).toContain('incidents: the period ends before its data begins (incidents: 2018-03-07 to 2018-03-07)');
    const git = r.coverage.sources.find((s) => s.table === 'commits');
    expect(git).toMatchObject({ source: 'git', rows: 7, oldest: t('01T10:00:00'), newest: t('12T09:00:00'), last_collected: NOW });
    await store.close();
  });

  it('defaults to the seven days before now', async () => {
    const store = await world();
    const r = await runMetric(pulse, { store, clock: () => t('12T00:00:00') }, {});
    expect(r.coverage.since).toEqual(t('05T00:00:00'));
    expect(r.coverage.until).toEqual(t('12T00:00:00'));
    await store.close();
  });
});
