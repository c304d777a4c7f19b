// Task routes over tasks imported through the phabricator source from recorded Conduit
// responses (src/sources/phabricator/fixtures/recorded), one of them restricted: the
// restricted task comes out as an id only, and no route — tasks, entities, tree, tables,
// SQL, reports — returns any of its content.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { silentLogger } from '../../lib/log.ts';
import { phabricatorSource } from '../../sources/phabricator/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { testApp } from '../test-world.ts';

const dir = fileURLToPath(new URL('../../sources/phabricator/fixtures/recorded', import.meta.url));
let store: Store;
let app: Hono;

beforeAll(async () => {
  store = await openStore(':memory:');
  await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch },
    { source: phabricatorSource, config: undefined, paths: [dir], options: {} });
  app = await testApp(store);
});
afterAll(async () => store.close());

const get = async (url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as any };
};

describe('task routes', () => {
  it('lists tasks with filters and author names', async () => {
    const all = await get('/api/tasks');
    expect(all.status).toBe(200);
    expect(all.body.rows.map((r: any) => r.task_id)).toEqual(['T296', 'T78', 'T73', 'T69', 'T4242']);
    expect(all.body.rows.find((r: any) => r.task_id === 'T69')).toMatchObject({ title: 'Tasks #69', author_username: 'jdoe', status_class: 'closed' });
    const open = await get('/api/tasks?status_class=open&project=Team:%20Devel');
    expect(open.body.rows.map((r: any) => r.task_id)).toEqual(['T296']);
    expect((await get('/api/tasks?status_class=maybe')).status).toBe(400);
  });

  it('shows one task with its history and GerritBot link', async () => {
    const t = await get('/api/tasks/T69');
    expect(t.status).toBe(200);
    expect(t.body.events.map((e: any) => e.kind)).toEqual(['status', 'comment']);
    expect(t.body.links).toMatchObject([{ src_key: 'task:T69', dst_key: 'change:gerrit.wikimedia.org:393751', rule: 'gerritbot' }]);
    expect((await get('/api/tasks/69')).body.task.task_id).toBe('T69');
    expect((await get('/api/tasks/T1')).status).toBe(404);
    expect((await get('/api/tasks/drop%20table')).status).toBe(400);
  });

  it('answers a restricted task with its id only, and no route leaks its content', async () => {
    expect((await get('/api/tasks/T4242')).body).toEqual({ task: { task_id: 'T4242', task_key: 'task:T4242', restricted: true }, events: [], links: [] });
    const texts: string[] = [];
    for (const url of ['/api/tasks', '/api/tasks/T4242', '/api/entities/task:T4242', '/api/tree/task:T4242', '/api/tables/tasks', '/api/tables/task_events', '/api/tables/rejects', '/api/reports/open_tasks_by_age']) {
      texts.push(await (await app.request(url)).text());
    }
    const sql = await app.request('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT * FROM raw_records' }) });
    expect(sql.status).toBe(200);
    texts.push(await sql.text());
    for (const t of texts) expect(t).not.toMatch(/SECRET|PHID-PROJ-security|PHID-TASK-restricted/);
  });
});
