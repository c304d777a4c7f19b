// bug_resolution on hand-made tasks: the project from {{Extension|phabricator=}} (a slug
// matched through phab_projects), the MediaWiki-extensions-<Name> convention, and a
// repo=project override; answers worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { E, F, stewardWorld, t } from '../steward_activity/steward.fixture.ts';
import { bugResolution } from './bug_resolution.ts';

let store: Store;
beforeAll(async () => {
  store = await stewardWorld();
  await store.write('repo_facts', [{ repo: E, fact: 'wiki.phabricator', value: 'alpha-ext', since_at: t('2020-01-01') }]);
  await store.write('phab_projects', [{ project_phid: 'PHID-PROJ-1', name: 'Alpha-Ext', slug: 'alpha-ext' }]);
  const task = (id: number, projects: string[], created: string, closed: string | null, status = closed ? 'resolved' : 'open', subtype = 'bug') => ({
    task_key: `task:T${id}`, task_id: `T${id}`, projects, created_at: t(created), closed_at: closed ? t(closed) : null, status,
    status_class: closed ? 'closed' : 'open', subtype, restricted: false,
  });
  await store.write('tasks', [
    task(1, ['Alpha-Ext'], '2024-01-01', '2024-01-03'), // 2 d
    task(2, ['Alpha-Ext', 'Other'], '2024-01-10', '2024-01-20'), // 10 d
    task(3, ['Alpha-Ext'], '2024-02-01', null), // open
    task(4, ['Alpha-Ext'], '2024-02-01', '2024-02-02', 'declined'), // not a resolution
    task(5, ['Alpha-Ext'], '2024-02-01', null, 'open', 'default'), // not a bug
    task(6, ['MediaWiki-extensions-Beta'], '2024-01-05', '2024-01-06'), // Beta by convention: 1 d
  ]);
});
afterAll(() => store.close());

describe('bug_resolution', () => {
  it('maps each repository to its project and counts its bugs', async () => {
    const r = await runMetric(bugResolution, { store, clock: () => t('2024-03-01') }, { since: '2024-01-01' });
    expect(r.rows).toEqual([
      { repo: E, project: 'alpha-ext', bugs_created: 4, bugs_resolved: 2, bugs_open: 1, median_days_to_resolve: 6, resolution_rate: 0.5 }, // [2, 10]
      { repo: F, project: 'MediaWiki-extensions-Beta', bugs_created: 1, bugs_resolved: 1, bugs_open: 0, median_days_to_resolve: 1, resolution_rate: 1 },
    ]);
    const o = await runMetric(bugResolution, { store, clock: () => t('2024-03-01') }, { repo: F, projects: `${F}=Alpha-Ext` });
    expect(o.rows[0]).toMatchObject({ project: 'Alpha-Ext', bugs_created: 4 });
  });
});
