// stewards: the Developers/Maintainers row and the {{Extension}} maintainer in force, joined
// per repository; a repository with only one of them still listed.
import { describe, expect, it } from 'vitest';
import { runMetric } from '../run.ts';
import { E, F, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { stewardsReport } from './stewards.ts';

describe('stewards', () => {
  it('joins the maintainers table and the page maintainer', async () => {
    const store = await stewardWorld();
    await store.write('stewards', [{ steward_key: 'D/M##Alpha', page: 'Developers/Maintainers', component: 'Alpha', repo: E, steward_team: 'Growth team', maintainers: ['Ann'], since_at: t('2024-01-01') }]);
    await store.write('repo_facts', [
      { repo: F, fact: 'wiki.maintainer', value: 'Bob', since_at: t('2023-01-01') },
      { repo: E, fact: 'wiki.maintainer', value: 'Old', since_at: t('2020-01-01'), until_at: t('2022-01-01') },
    ]);
    const r = await runMetric(stewardsReport, { store, clock: () => t('2024-03-01') }, {});
    expect(r.rows.map((x) => [x.repo, x.steward_team, x.maintainers, x.wiki_maintainer])).toEqual([[E, 'Growth team', ['Ann'], null], [F, null, null, 'Bob']]);
    await store.close();
  });
});
