// merge_pace on the hand-made world of steward_activity/steward.fixture.ts, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { mergePace } from './merge_pace.ts';

let store: Store;
const ctx = () => ({ store, clock: () => t('2024-03-01') });
beforeAll(async () => (store = await stewardWorld()));
afterAll(() => store.close());

describe('merge_pace', () => {
  it('gives merges per month and the median create → merge hours', async () => {
    const r = await runMetric(mergePace, ctx(), { repo: E });
    expect(r.rows).toEqual([
      { repo: E, month: t('2024-01-01'), merged: 2, median_hours: 20, p80_hours: 26 }, // [10, 30]
      { repo: E, month: t('2024-02-01'), merged: 1, median_hours: 2, p80_hours: 2 },
    ]);
  });
});
