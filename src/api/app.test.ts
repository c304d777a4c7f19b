// The read API over the test world: lists (window, filters, cursor, formats), entities
// by key, the link tree, explore, reports and /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildTestWorld, testApp, type TestWorld, XSS } from './test-world.ts';

let world: TestWorld;
let app: Hono;
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};

beforeAll(async () => {
  world = await buildTestWorld();
  app = await testApp(world.store);
});
afterAll(async () => world.close());

describe('lists', () => {
  it('lists a table in key order with a working keyset cursor', async () => {
    const first = await get('/api/tables/deployments?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.rows.map((r: { deploy_key: string }) => r.deploy_key)).toEqual(['deploy:sal:a1', 'deploy:sal:a2']);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await get(`/api/tables/deployments?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.rows.map((r: { deploy_key: string }) => r.deploy_key)).toEqual(['deploy:sal:a3']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('pages a table with a composite key (links) one row at a time without loss or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { rows: { src_key: string; dst_key: string; rule: string }[]; next_cursor: string | null } } = await get(`/api/tables/links?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.rows.map((r) => `${r.src_key}|${r.dst_key}|${r.rule}`));
      cursor = page.body.next_cursor;
    }
    const all = (await get('/api/tables/links?limit=1000')).body.rows.map((r: { src_key: string; dst_key: string; rule: string }) => `${r.src_key}|${r.dst_key}|${r.rule}`);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await get('/api/tables/links?cursor=bm9wZQ')).status).toBe(400);
  });

  it('pages newest first by time, across a cursor', async () => {
    const a = await get('/api/tables/deployments?limit=1&order=-time');
    const b = await get(`/api/tables/deployments?limit=1&order=-time&cursor=${a.body.next_cursor}`);
    expect([a.body.rows[0].deploy_key, b.body.rows[0].deploy_key]).toEqual(['deploy:sal:a3', 'deploy:sal:a2']);
  });

  it('filters by since/until on the main time column, by columns and by <name> for <name>_key', async () => {
    const w = await get('/api/tables/deployments?since=2024-02-02&until=2024-02-06');
    expect(w.body.rows.map((r: { deploy_key: string }) => r.deploy_key)).toEqual(['deploy:sal:a1', 'deploy:sal:a2']);
    const f = await get('/api/tables/deployments?deployer=bob&deployer=carol&kind=sync-file');
    expect(f.body.rows.map((r: { deploy_key: string }) => r.deploy_key)).toEqual(['deploy:sal:a2']);
    const byWindow = await get('/api/tables/deployments?window=window:2024-02-02-backport-eu');
    expect(byWindow.body.rows).toHaveLength(1);
    const lists = await get('/api/tables/tasks?projects=Performance');
    expect(lists.body.rows.map((r: { task_id: string }) => r.task_id)).toEqual(['T101']);
    const merged = await get('/api/tables/changes?time=merged_at&since=2024-02-02');
    expect(merged.body.rows).toHaveLength(1);
  });

  it('answers CSV and Parquet', async () => {
    const csv = await get('/api/tables/tasks?format=csv');
    expect(csv.type).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toMatch(/^task_key,task_id,title,/);
    expect(csv.body).toContain('"<script>window.__xss=1</script>Crash on save"'.slice(1, -1));
    const res = await app.request('/api/tables/deployments?format=parquet');
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    expect(new TextDecoder().decode(bytes.slice(-4))).toBe('PAR1');
  });

  it('refuses unknown filters and bad values with the reason', async () => {
    const r = await get('/api/tables/deployments?nope=1');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/unknown parameter "nope"/);
    expect((await get('/api/tables/deployments?since=yesterday')).body.error.message).toMatch(/since: "yesterday" is not a date/);
    expect((await get('/api/tables/nope')).status).toBe(404);
    expect((await get('/api/tables/people?since=2024-01-01')).body.error.message).toMatch(/no time column/);
  });

  it('describes every table', async () => {
    const r = await get('/api/tables');
    const deployments = r.body.tables.find((t: { table: string }) => t.table === 'deployments');
    expect(deployments).toMatchObject({ keys: ['deploy_key'], time: 'started_at' });
  });
});

describe('entities and trees', () => {
  it('finds any entity by key, also keys with slashes and colons', async () => {
    const t = await get('/api/entities/task:T100');
    expect(t.body).toMatchObject({ kind: 'task', table: 'tasks', row: { title: XSS.task } });
    const c = await get(`/api/entities/${encodeURIComponent('change:gerrit.wikimedia.org:1001')}`);
    expect(c.body.row.number).toBe(1001);
    const commits = await get('/api/tables/commits?limit=10');
    const key = commits.body.rows[1].commit_key as string;
    expect(key).toMatch(/^commit:mediawiki\/extensions\/Example:/);
    expect((await get(`/api/entities/${key}`)).body.row.commit_key).toBe(key);
    expect((await get('/api/entities/task:T999')).status).toBe(404);
  });

  it('walks links both ways with rule, evidence and confidence, up to the depth', async () => {
    const one = await get(`/api/tree/${encodeURIComponent('change:gerrit.wikimedia.org:1001')}?depth=1`);
    const edges = one.body.edges.map((e: { src_key: string; dst_key: string; rule: string }) => `${e.src_key} -${e.rule}-> ${e.dst_key}`).sort();
    expect(edges).toEqual([
      'change:gerrit.wikimedia.org:1001 -change-bug-footer-> task:T100',
      'deploy:sal:a1 -sal-gerrit-ref-> change:gerrit.wikimedia.org:1001',
    ]);
    expect(one.body.edges[0]).toHaveProperty('evidence');
    expect(one.body.edges[0]).toHaveProperty('confidence', 'high');
    const two = await get('/api/tree/task:T100?depth=2');
    const nodes = Object.fromEntries(two.body.nodes.map((n: { key: string; depth: number }) => [n.key, n.depth]));
    expect(nodes['task:T100']).toBe(0);
    expect(nodes['change:gerrit.wikimedia.org:1001']).toBe(1);
    expect(nodes['deploy:sal:a1']).toBe(2);
    expect(Object.keys(nodes).some((k) => k.startsWith('commit:'))).toBe(true);
    expect(two.body.nodes.find((n: { key: string }) => n.key === 'task:T100').label).toBe(XSS.task);
    expect((await get('/api/tree/task:T100?depth=9')).status).toBe(400);
  });
});

describe('explore, reports, metrics', () => {
  it('groups by columns and time buckets with a measure', async () => {
    const r = await get('/api/explore?table=deployments&group=kind&bucket=week&measure=sum:duration_s');
    expect(r.body.columns).toEqual(['bucket', 'kind', 'value']);
    const total = r.body.rows.reduce((n: number, x: { value: number }) => n + x.value, 0);
    expect(total).toBe(942);
    const failed = await get('/api/explore?table=test_results&status=fail');
    expect(failed.body.rows).toEqual([{ value: 1 }]);
    expect((await get('/api/explore?table=deployments&group=message;drop')).status).toBe(400);
    expect((await get('/api/explore?table=deployments&measure=avg:deployer')).body.error.message).toMatch(/numeric/);
  });

  it('lists reports from the registry and refuses unknown ones', async () => {
    const r = await get('/api/reports');
    expect(Array.isArray(r.body.reports)).toBe(true);
    expect((await get('/api/reports/no_such_report')).status).toBe(404);
  });

  it('exposes Prometheus metrics: rows per table, freshness, requests', async () => {
    await get('/api/health');
    const m = await get('/metrics');
    expect(m.type).toContain('text/plain');
    expect(m.body).toMatch(/^shiplog_table_rows\{table="deployments"\} 3$/m);
    expect(m.body).toMatch(/^shiplog_sync_age_seconds\{source="git",scope="mediawiki\/extensions\/Example"\} \d+$/m);
    expect(m.body).toMatch(/^shiplog_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+$/m);
    expect(m.body).toMatch(/^shiplog_http_request_duration_seconds_count\{method="GET",route="\/api\/tables\/:table"\} \d+$/m);
  });
});
