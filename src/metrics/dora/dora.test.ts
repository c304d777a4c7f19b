// Hand-worked: March 2025 (4 weeks), three trains. V2's branch got a backport change
// before its first roll-forward (so V2 was cut then), and V2 was rolled back from group1
// 2 h after its promotion and promoted again 12 h later. Three core changes ride V2/V3;
// changes merged before the first cut or after the last, and a service and an undeployed
// extension, ride none. Backports: one planned bug fix, one unplanned bug fix (rework), one
// named by an incident (and recorded twice, SAL and workflow), a bare sync-file, a config
// merge a backport carried (not counted again) and one no sync carried (counted).
import { describe, expect, it } from 'vitest';
import { doraWorld as world } from '../../../test/helpers/dora-world.ts';
import { runMetric } from '../run.ts';
import { dora } from './dora.ts';

type Row = Record<string, unknown>;
const pick = (rows: Row[], cls: string, group: string, measure: string) => {
  const r = rows.find((x) => x.class === cls && x.wiki_group === group && x.measure === measure);
  if (!r) throw new Error(`no ${cls}/${group}/${measure}`);
  return r;
};

describe('report dora', () => {
  it('gives each class its figures, the lead-time split and grades that name their set', async () => {
    const store = await world();
    const r = await runMetric(dora, { store, clock: () => new Date() }, { since: '2025-03-01', until: '2025-03-29' });
    const v = (cls: string, g: string, m: string) => pick(r.rows, cls, g, m).value;
    const n = (cls: string, g: string, m: string) => pick(r.rows, cls, g, m).n;
    // train: 10 promotions on 9 days over 4 weeks, 3 trains
    expect([v('train', 'all', 'promotions_per_week'), v('train', 'all', 'deploy_days_per_week'), v('train', 'all', 'trains_per_week')]).toEqual([2.5, 2.25, 0.75]);
    expect([v('train', 'group1', 'promotions_per_week'), n('train', 'group1', 'promotions_per_week')]).toEqual([1, 4]);
    // lead time split over the three carried changes
    expect([v('train', 'all', 'lead_time_review_h'), v('train', 'all', 'lead_time_wait_for_cut_h'), v('train', 'all', 'lead_time_h')]).toEqual([24, 122, 188]);
    expect(n('train', 'all', 'lead_time_h')).toBe(3);
    expect([v('train', 'all', 'lead_time_rollout_h'), v('train', 'group0', 'lead_time_rollout_h')]).toEqual([48, 0]);
    // failure: 1 train in 3, 1 promotion in 10 (1 in 4 to group1); 2 h exposed, 12 h held back
    expect([v('train', 'all', 'change_failure_rate_per_train'), v('train', 'all', 'change_failure_rate_per_promotion'), v('train', 'group1', 'change_failure_rate_per_promotion')])
      .toEqual([0.3333, 0.1, 0.25]);
    expect([v('train', 'group1', 'time_to_rollback_h'), v('train', 'group1', 'time_rolled_back_h'), v('train', 'group1', 'time_in_failure_h')]).toEqual([2, 12, 14]);
    // backports: s1 s2 s3 (once) s4 m2 on 4 days; merge → sync 10, 30, 60 min
    expect([v('backport', 'all', 'deployments_per_week'), v('backport', 'all', 'deploy_days_per_week'), v('backport', 'all', 'lead_time_h')]).toEqual([1.25, 1, 0.5]);
    // review of the changes they carried: 101 3 h, 102 2 h, 103 1 h, 104 (m2's, by Change-Id) 6 h
    expect([v('backport', 'all', 'lead_time_review_h'), n('backport', 'all', 'lead_time_review_h')]).toEqual([2.5, 4]);
    expect([v('backport', 'all', 'change_failure_rate'), v('backport', 'all', 'time_to_restore_h'), v('backport', 'all', 'rework_rate')]).toEqual([0.2, 2, 0.3333]);
    // grades: the set and the band
    const lead = pick(r.rows, 'train', 'all', 'lead_time_h');
    expect([lead.grade, lead.benchmark]).toEqual(['medium', 'dora-2024@1']);
    expect(pick(r.rows, 'train', 'all', 'change_failure_rate_per_train').grade).toBe('low');
    expect(pick(r.rows, 'train', 'all', 'promotions_per_week').grade).toBe('high');
    expect(pick(r.rows, 'backport', 'all', 'rework_rate').grade).toBeNull();
    expect(String(pick(r.rows, 'train', 'all', 'lead_time_h').event_definition)).toMatch(/merged → the train that carried it reached group2/);
    // the 2023 set reads the same failure rate as medium (nearest 15 %, not 40 %)
    const old = await runMetric(dora, { store, clock: () => new Date() }, { since: '2025-03-01', until: '2025-03-29', benchmark: 'dora-2023' });
    expect([pick(old.rows, 'train', 'all', 'change_failure_rate_per_train').grade, pick(old.rows, 'train', 'all', 'change_failure_rate_per_train').benchmark]).toEqual(['medium', 'dora-2023@1']);
    await expect(runMetric(dora, { store, clock: () => new Date() }, { benchmark: 'dora-1999' })).rejects.toThrow(/benchmark/);
    await store.close();
  });
});
