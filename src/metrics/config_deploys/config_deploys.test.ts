// config_deploys on a hand-made week and a half: counts, distinct authors, task and
// change coverage, and that other deployment kinds are left out.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { configDeploys } from './config_deploys.ts';

describe('config_deploys report', () => {
  it('counts config-merge deployments per Monday-started week', async () => {
    const store = await openStore(':memory:');
    const dep = (sha: string, at: string, deployer: string, kind = 'config-merge') => ({
      deploy_key: `deploy:git:${sha}`, kind, started_at: new Date(at), finished_at: new Date(at), deployer, outcome: 'ok', repo: 'operations/mediawiki-config',
    });
    await store.write('deployments', [
      dep('a', '2025-06-02T10:00:00Z', 'git:alice@example.org'), // Monday
      dep('b', '2025-06-08T23:00:00Z', 'git:alice@example.org'), // Sunday, same week
      dep('c', '2025-06-05T12:00:00Z', 'git:bob@example.org'),
      dep('d', '2025-06-09T00:00:00Z', 'git:carol@example.org'), // next Monday
      dep('e', '2025-06-03T00:00:00Z', 'bob', 'backport'), // not a config merge
    ]);
    await store.write('deployment_items', [
      { item_key: 'deploy:git:a/1', deploy_key: 'deploy:git:a', change_id: 'I1', change_number: 1, change_key: 'change:gerrit.wikimedia.org:1' },
      { item_key: 'deploy:git:a/2', deploy_key: 'deploy:git:a', task_id: 'T1' },
      { item_key: 'deploy:git:b/1', deploy_key: 'deploy:git:b', change_id: 'I2' }, // Change-Id not (yet) a known change
      { item_key: 'deploy:git:c/1', deploy_key: 'deploy:git:c', task_id: 'T2' },
    ]);
    const res = await runMetric(configDeploys, { store, clock: () => new Date('2026-01-01T00:00:00Z') }, {});
    expect(res.rows).toEqual([
      { week: new Date('2025-06-02T00:00:00Z'), deploys: 3, authors: 2, with_task: 2, with_known_change: 1 },
      { week: new Date('2025-06-09T00:00:00Z'), deploys: 1, authors: 1, with_task: 0, with_known_change: 0 },
    ]);
  });
});
