// absence_factor on the hand-made world of steward_activity/steward.fixture.ts, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { absenceFactor, fewestForHalf } from './absence_factor.ts';

let store: Store;
const ctx = () => ({ store, clock: () => t('2024-03-01') });
beforeAll(async () => (store = await stewardWorld()));
afterAll(() => store.close());

describe('absence_factor', () => {
  it('finds the fewest people making half the human commits and +2 votes', async () => {
    expect(fewestForHalf([5, 1, 1, 1])).toBe(1);
    expect(fewestForHalf([2, 2, 2, 2])).toBe(2);
    expect(fewestForHalf([])).toBe(0);
    const r = await runMetric(absenceFactor, ctx(), { repo: E, until: '2024-03-01' });
    // 12 months: ann 3 (a1, a4, a5), bob 1 → ann alone makes half; +2: bob 2 (1, 3), cy 1 → bob
    // 24 months: cy's commit of 2023-02-15 counts too: ann 3 of 5 → 1
    expect(r.rows).toEqual([
      { repo: E, months: 12, human_commits: 4, committers: 2, commit_absence_factor: 1, plus2_votes: 3, reviewers: 2, plus2_absence_factor: 1 },
      { repo: E, months: 24, human_commits: 5, committers: 3, commit_absence_factor: 1, plus2_votes: 3, reviewers: 2, plus2_absence_factor: 1 },
    ]);
  });
});
