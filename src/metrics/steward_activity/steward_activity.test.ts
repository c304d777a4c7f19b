// steward_activity on the hand-made world of steward_activity/steward.fixture.ts, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, F, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { stewardActivity } from './steward_activity.ts';

let store: Store;
const ctx = () => ({ store, clock: () => t('2024-03-01') });
beforeAll(async () => (store = await stewardWorld()));
afterAll(() => store.close());

describe('steward_activity', () => {
  it('counts human and bot commits and changes per month', async () => {
    const r = await runMetric(stewardActivity, ctx(), { since: '2024-01-01' });
    expect(r.rows).toEqual([
      { repo: E, month: t('2024-01-01'), human_commits: 2, bot_commits: 1, changes_created: 2, changes_merged: 2 },
      { repo: E, month: t('2024-02-01'), human_commits: 2, bot_commits: 0, changes_created: 2, changes_merged: 1 },
      { repo: F, month: t('2024-02-01'), human_commits: 0, bot_commits: 1, changes_created: 0, changes_merged: 0 },
    ]);
  });
});
