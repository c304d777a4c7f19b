// What rode a train, on the hand-made DORA world (test/helpers/dora-world.ts): V2 was cut
// when its branch got its first change, carried the two core changes merged since V1's cut
// (not the service's, nor the undeployed extension's, nor a change on a wmf/ branch), had
// one backport, a release task with one blocker, and one rollback from group1 whose
// commit and incident name the same task. Through GET /api/trains/<version> too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doraWorld } from '../../../test/helpers/dora-world.ts';
import type { Store } from '../../store/index.ts';
import { testApp } from '../test-world.ts';
import { trainPage } from './train.ts';

const V2 = '1.44.0-wmf.2';
let store: Store;
beforeAll(async () => { store = await doraWorld(); });
afterAll(() => store.close());

describe('trainPage', () => {
  it('lists the changes a train carried per repository, its backports, blockers and rollbacks with their incident', async () => {
    const p = await trainPage({ store }, V2);
    expect(p.cut).toEqual({ cut_at: new Date('2025-03-11T02:00:00Z'), cut_from: 'first change on its branch', previous_cut_at: new Date('2025-03-04T20:00:00Z') });
    expect(p.changes.map((c: { number: unknown }) => Number(c.number))).toEqual([1, 2]);
    expect(p.repos).toEqual([{ project: 'mediawiki/core', changes: 2 }]);
    expect(p.backports.map((c: { number: unknown }) => Number(c.number))).toEqual([50]);
    expect(p.blockers.map((b: { task_id: string; why: string[] }) => [b.task_id, b.why])).toEqual([['T800', ['release task']], ['T801', ['subtask of the release task']]]);
    expect(p.rollbacks).toHaveLength(1);
    const [r] = p.rollbacks;
    expect([r.wiki_group, r.promoted_at, r.repromoted_at, r.tasks]).toEqual(['group1', new Date('2025-03-12T20:00:00Z'), new Date('2025-03-13T10:00:00Z'), ['T900']]);
    expect(r.incidents.map((i: { incident_key: string; via: string[] }) => [i.incident_key, i.via])).toEqual([
      ['incident:I2', ['shares T900 with the rollback', `began while ${V2} was live on group1 (before the rollback)`]],
    ]);
    expect(p.incidents.map((i: { incident_key: string; via: string[] }) => [i.incident_key, i.via])).toEqual([['incident:I2', ['goes with a rollback']]]);
  });

  it('answers over HTTP, takes php-<version>, and says when there is no such train', async () => {
    const app = await testApp(store);
    const res = await app.request(`/api/trains/php-${V2}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { changes: unknown[] }).changes).toHaveLength(2);
    const none = await app.request('/api/trains/1.99.0-wmf.1');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/no train 1\.99\.0-wmf\.1/);
    expect((await app.request('/api/trains/x;drop')).status).toBe(400);
  });
});
