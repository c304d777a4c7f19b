// A hand-made set of deployments whose report was worked out by hand: one row per change,
// contact from the change owner when Gerrit data is there, else from a task owner.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { deploys } from './deploys.ts';

const t = (s: string) => new Date(`2024-03-${s}Z`);

async function world() {
  const store = await openStore(':memory:');
  const dep = (key: string, kind: string, at: string, o: Record<string, unknown> = {}) => ({
    deploy_key: `deploy:sal:${key}`, kind, started_at: t(at), finished_at: null, duration_s: 60, deployer: 'alice', outcome: 'ok', ...o,
  });
  await store.write('deployments', [
    dep('d1', 'backport', '05T10:00:00', { message: 'Backport for [[gerrit:1000|A]], [[gerrit:1001|B (T1)]]' }),
    dep('d2', 'sync-file', '05T11:00:00', { deployer: 'bob', outcome: 'failed' }),
    dep('d3', 'cookbook', '05T12:00:00'),
    dep('d4', 'sync-file', '06T09:00:00'),
  ]);
  const item = (key: string, n: number, o: Record<string, unknown>) => ({ item_key: `deploy:sal:${key}/${n}`, deploy_key: `deploy:sal:${key}`, ...o });
  await store.write('deployment_items', [
    item('d1', 1, { change_number: 1000, change_key: 'change:gerrit.wikimedia.org:1000' }),
    item('d1', 2, { change_number: 1001, change_key: 'change:gerrit.wikimedia.org:1001' }),
    item('d1', 3, { task_id: 'T1' }),
    item('d2', 1, { path: 'wmf-config/x.php' }),
  ]);
  await store.write('changes', [{ change_key: 'change:gerrit.wikimedia.org:1000', host: 'gerrit.wikimedia.org', number: 1000, subject: 'A', owner_name: 'Bob Owner', bug_tasks: ['T5'] }]);
  await store.write('tasks', [{ task_key: 'task:T1', task_id: 'T1', owner: 'phabricator:PHID-USER-carol', restricted: false }]);
  await store.write('identities', [{ identity_key: 'phabricator:PHID-USER-carol', system: 'phabricator', account: 'PHID-USER-carol', name: 'Carol Owner', username: 'carol' }]);
  return store;
}

describe('report deploys', () => {
  it('lists each change of each sync with its tasks and point of contact, in the window', async () => {
    const store = await world();
    const r = await runMetric(deploys, { store, clock: () => t('10T00:00:00') }, { since: '2024-03-05', until: '2024-03-06' });
    expect(r.rows.map((x) => [x.kind, x.deployer, x.change_number, x.change_subject, x.tasks, x.contact, x.contact_from, x.outcome])).toEqual([
      ['backport', 'alice', 1000, 'A', 'T1 T5', 'Bob Owner', 'change owner', 'ok'],
      ['backport', 'alice', 1001, null, 'T1', 'Carol Owner', 'task owner (T1)', 'ok'],
      ['sync-file', 'bob', null, null, '', null, null, 'failed'],
    ]);
    expect(r.notes?.[2]).toMatch(/cookbooks/);
    await store.close();
  });

  it('lists a deploy recorded by shiplog deploy and by the SAL once, with the changes of both', async () => {
    const store = await world();
    await store.write('deployments', [{ deploy_key: 'deploy:workflow:w1', kind: 'backport', started_at: t('05T09:59:50'), finished_at: t('05T10:08:00'), deployer: 'alice', outcome: 'ok' }]);
    await store.write('deployment_items', [{ item_key: 'deploy:workflow:w1/1', deploy_key: 'deploy:workflow:w1', change_number: 1000, change_key: 'change:gerrit.wikimedia.org:1000' }]);
    const r = await runMetric(deploys, { store, clock: () => t('10T00:00:00') }, { since: '2024-03-05T09:00', until: '2024-03-05T10:30' });
    expect(r.rows.map((x) => [x.deploy_key, x.change_number, x.tasks, x.contact])).toEqual([
      ['deploy:workflow:w1', 1000, 'T1 T5', 'Bob Owner'],
      ['deploy:workflow:w1', 1001, 'T1', 'Carol Owner'],
    ]);
    await store.close();
  });

  it('lists bookkeeping kinds with all=true, and filters by kind', async () => {
    const store = await world();
    const all = await runMetric(deploys, { store, clock: () => t('10T00:00:00') }, { all: 'true' });
    expect(all.rows.map((x) => x.kind)).toEqual(['backport', 'backport', 'sync-file', 'cookbook', 'sync-file']);
    const files = await runMetric(deploys, { store, clock: () => t('10T00:00:00') }, { kind: 'sync-file' });
    expect(files.rows).toHaveLength(2);
    await store.close();
  });
});
