// The dataset routes: an upload needs the API's token, creates dataset_<name> and answers
// the inferred types and rejects; the register lists it; it is then a table like any
// other for lists, the Explorer pivot (which finds it without a restart) and read-only SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openStore, type Store } from '../../store/index.ts';
import { testApp } from '../test-world.ts';

let store: Store;
let app: Hono;
const auth = { authorization: 'Bearer test-token-123', 'content-type': 'application/octet-stream' };
const CSV = 'repo,team,opened\nmediawiki/core,Platform,2024-02-01T10:00:00\noperations/mediawiki-config,SRE,2024-02-02T11:00:00\nbroken,row\n';

beforeAll(async () => {
  store = await openStore(':memory:');
  app = await testApp(store);
});
afterAll(async () => store.close());

describe('dataset routes', () => {
  it('refuses an upload without the token, and a file name without a known extension', async () => {
    expect((await app.request('/api/datasets?name=teams&filename=teams.csv', { method: 'POST', body: CSV })).status).toBe(401);
    expect((await app.request('/api/datasets?name=teams&filename=teams.xlsx', { method: 'POST', headers: auth, body: CSV })).status).toBe(400);
    expect((await app.request('/api/datasets?name=Teams&filename=teams.csv', { method: 'POST', headers: auth, body: CSV })).status).toBe(400);
  });

  it('creates dataset_<name> from an upload, answering its types and rejects, and lists it', async () => {
    const res = await app.request('/api/datasets?name=teams&filename=teams.csv', { method: 'POST', headers: auth, body: CSV });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { table: string; columns: { name: string; type: string }[]; rows_appended: number; rejected: number; rejects: { where: string }[] };
    expect([s.table, s.columns.map((c) => `${c.name} ${c.type}`), s.rows_appended, s.rejected, s.rejects[0].where])
      .toEqual(['dataset_teams', ['repo VARCHAR', 'team VARCHAR', 'opened TIMESTAMP'], 2, 1, 'line 4']);
    const list = (await (await app.request('/api/datasets')).json()) as { datasets: { name: string; row_count: number }[] };
    expect(list.datasets.map((d) => [d.name, d.row_count])).toEqual([['teams', 2]]);
    const status = (await (await app.request('/api/status')).json()) as { datasets: { table_name: string }[] };
    expect(status.datasets.map((d) => d.table_name)).toEqual(['dataset_teams']);
  });

  it('is a table for lists, the Explorer and read-only SQL, joinable with the rest', async () => {
    const explore = (await (await app.request('/api/explore?table=dataset_teams&group=team')).json()) as { rows: { team: string; value: number }[] };
    expect(explore.rows.map((r) => [r.team, r.value])).toEqual([['Platform', 1], ['SRE', 1]]);
    const listed = await app.request('/api/tables/dataset_teams?since=2024-02-02');
    expect(((await listed.json()) as { rows: { repo: string }[] }).rows.map((r) => r.repo)).toEqual(['operations/mediawiki-config']);
    const sql = await app.request('/api/sql', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: "SELECT t.team, count(d.deploy_key) AS deploys FROM dataset_teams t LEFT JOIN deployments d ON d.repo = t.repo GROUP BY t.team ORDER BY t.team" }),
    });
    expect(sql.status).toBe(200);
    expect(((await sql.json()) as { rows: unknown[] }).rows).toHaveLength(2);
  });
});
