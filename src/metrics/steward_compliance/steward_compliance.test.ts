// steward_compliance on a hand-made history: a standards.yaml target, LibUp bumps met late
// and not yet, a skipped version, an undeclared dependency (not applicable), and the latest
// truth from the newest version known; answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { bumps, checksAt, latestTargets, meets, scores, type FactPeriod, type TargetPeriod } from '../../model/stewardship/compliance.ts';
import { runMetric } from '../run.ts';
import { E, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { stewardCompliance } from './steward_compliance.ts';

const CS = 'dep.mediawiki/mediawiki-codesniffer';
const facts: FactPeriod[] = [
  { fact: CS, value: '40.0.0', since_at: t('2023-01-01'), until_at: t('2023-03-11') },
  { fact: CS, value: '41.0.0', since_at: t('2023-03-11'), until_at: null }, // met the 41 bump 10 days late
  { fact: 'manifest.hook_handlers', value: 'false', since_at: t('2019-01-01'), until_at: t('2021-01-01') },
  { fact: 'manifest.hook_handlers', value: 'true', since_at: t('2021-01-01'), until_at: null },
];
const target = (fact: string, truth: string, rule: string, v: string | null, since: string, until: string | null, skip: string[] = []): TargetPeriod => ({
  source: truth === 'safe' ? 'libup' : 'standards', branch: 'main', fact, truth, rule, target: v, since_at: t(since), until_at: until ? t(until) : null, skip,
});
const targets: TargetPeriod[] = [
  target(CS, 'safe', '>=', '41.0.0', '2023-03-01', '2024-03-16'),
  target(CS, 'safe', '>=', '43.0.0', '2024-03-16', null),
  target('dep.grunt', 'safe', '>=', '1.6.1', '2023-01-01', null), // not declared: not applicable
  target('manifest.hook_handlers', 'required', '=', 'true', '2020-09-24', null),
];

describe('compliance', () => {
  it('applies the rules, LibUp skips and undeclared dependencies', () => {
    expect(meets('>=', '41.0.0', '40.0.0', CS)).toBe(false);
    expect(meets('>=', '41.0.0', null, CS)).toBeNull();
    expect(meets('>=', '41.0.0', '39.0.0', CS, ['39.'])).toBeNull();
    expect(meets('present', null, 'true', 'file.phan')).toBe(true);
    expect(meets('one_of', 'extension.json|skin.json', 'legacy-php', 'manifest.present')).toBe(false);
  });

  it('scores now and dates each bump', () => {
    const now = t('2024-06-01');
    expect(scores(checksAt(facts, targets, now))).toEqual([
      { truth: 'required', met: 1, applicable: 1, score: 1 },
      { truth: 'safe', met: 0, applicable: 1, score: 0 }, // 41.0.0 < 43.0.0
      { truth: 'latest', met: 0, applicable: 0, score: null },
    ]);
    expect(bumps(facts, targets, now).map((b) => [b.fact, b.target, b.met_at?.toISOString().slice(0, 10) ?? null, b.days_out])).toEqual([
      ['manifest.hook_handlers', 'true', '2021-01-01', 99], // 2020-09-24 → 2021-01-01
      [CS, '41.0.0', '2023-03-11', 10],
      [CS, '43.0.0', null, 77], // 2024-03-16 → now
    ]);
  });

  it('builds the latest truth from the newest version known', () => {
    const l = latestTargets(targets, [{ fact: CS, value: '^42.0.0', since_at: t('2023-06-01') }]);
    expect(l.filter((x) => x.fact === CS).map((x) => [x.target, x.since_at.toISOString().slice(0, 10), x.until_at?.toISOString().slice(0, 10) ?? null]))
      .toEqual([['41.0.0', '2023-03-01', '2023-06-01'], ['42.0.0', '2023-06-01', '2024-03-16'], ['43.0.0', '2024-03-16', null]]);
  });

  it('runs as a metric over the stored facts and targets', async () => {
    const store = await stewardWorld();
    await store.write('repo_facts', facts.map((f) => ({ repo: E, ...f })));
    await store.write('standards_targets', targets.map((x, i) => ({ target_key: `k${i}`, ...x, definition_version: 1 })));
    const r = await runMetric(stewardCompliance, { store, clock: () => t('2024-06-01') }, {});
    expect(r.rows).toEqual([
      { repo: E, truth: 'required', met: 1, applicable: 1, score: 1, bumps: 1, median_days_out: 99, open_bumps: 0 },
      { repo: E, truth: 'safe', met: 0, applicable: 1, score: 0, bumps: 2, median_days_out: 10, open_bumps: 1 },
      // latest: 40 (declared by the fleet itself on 2023-01-01: met at once, 0 d), 41 (LibUp, 2023-03-01,
      // met 03-11: 10 d), 43 (2024-03-16, open: 77 d) → median of [0, 10, 77]
      { repo: E, truth: 'latest', met: 0, applicable: 1, score: 0, bumps: 3, median_days_out: 10, open_bumps: 1 },
    ]);
    await store.close();
  });
});
