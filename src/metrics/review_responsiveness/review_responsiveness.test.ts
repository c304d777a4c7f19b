// review_responsiveness on the hand-made world of steward_activity/steward.fixture.ts, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { reviewResponsiveness } from './review_responsiveness.ts';

let store: Store;
const ctx = () => ({ store, clock: () => t('2024-03-01') });
beforeAll(async () => (store = await stewardWorld()));
afterAll(() => store.close());

describe('review_responsiveness', () => {
  it('times the first human review, the owner and bots left out', async () => {
    const r = await runMetric(reviewResponsiveness, ctx(), { repo: E });
    // change 1: 4 h (the bot's +2 at 20 min ignored); 2: 30 h (owner's vote ignored); 3: 1 h; 4: never (bot message only)
    expect(r.rows).toEqual([{ repo: E, changes: 4, reviewed: 3, median_hours_to_first_review: 4, p80_hours: 19.6, share_within_7d: 0.75 }]);
  });
});
