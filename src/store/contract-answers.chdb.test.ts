// The contract suite, part two: the same hand-made dataset written to every engine (through
// store.write, so no engine's SQL builds it), then every report and every documented API
// route (the web pages' data, explore, tree, lists with filters) answers the same on each.
// Values are compared as JSON (times as ISO text); column order may differ where DuckDB's
// follows its migration history and ClickHouse's the catalogue; and an empty list equals a
// NULL one (ClickHouse has no NULL list: a list column without a value reads as []).
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../api/openapi.ts';
import { testApp } from '../api/test-world.ts';
import { METRICS } from '../metrics/registry.ts';
import { runMetric } from '../metrics/run.ts';
import { ENGINES_UNDER_TEST } from './contract/engines.ts';
import { NOW, seedContractWorld } from './contract/world.ts';
import type { Store } from './index.ts';

const [duckdb, clickhouse] = ENGINES_UNDER_TEST;
const stores: Store[] = [];
const apps: Hono[] = [];

beforeAll(async () => {
  if (clickhouse.missing) return;
  for (const e of [duckdb, clickhouse]) {
    const store = await e.open();
    await seedContractWorld(store);
    stores.push(store);
    apps.push(await testApp(store));
  }
}, 120_000);
afterAll(async () => {
  for (const s of stores) await s.close();
});

/** JSON-shaped, floats to 6 decimals (engines may differ in the last bits of a division), [] as NULL. */
function norm(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => {
    if (typeof x === 'number' && !Number.isInteger(x)) return Math.round(x * 1e6) / 1e6;
    return Array.isArray(x) && x.length === 0 ? null : x;
  }));
}

/** An answer with what is not about the data taken out: where the store is, request timings. */
function comparable(url: string, status: number, body: string): unknown {
  if (url.startsWith('/metrics')) return { status, rows: body.split('\n').filter((l) => l.startsWith('shiplog_table_rows')) };
  let json: unknown = body.replace(/(^|,)\[\](?=,|$)/gm, '$1'); // CSV: an empty list cell as an empty cell
  try {
    json = norm(JSON.parse(body));
  } catch { /* text answers (CSV) compare as text */ }
  if (url === '/api/health') delete (json as { db?: string }).db;
  if (url === '/api/tables') {
    for (const t of (json as { tables: { columns: { name: string }[] }[] }).tables) t.columns.sort((a, b) => a.name.localeCompare(b.name));
  }
  return { status, json };
}

const EXAMPLE_PARAMS: Record<string, string> = { key: 'task:T100', table: 'deployments', id: 'windows', name: 'testSave', file: 'index.js' };
const EXTRA_URLS = [
  '/api/tables/deployments?deployer=bob&deployer=carol', '/api/tables/deployments?since=2024-02-02&until=2024-02-06',
  '/api/tables/tasks?projects=Performance', '/api/tables/tasks?format=csv', '/api/tables/links?limit=2',
  '/api/tables/test_results?status=fail&order=-time', '/api/tables/commits?limit=1', '/api/tables/deployments?window=window:2024-02-02-backport-eu',
  '/api/explore?table=deployments&group=kind&bucket=week&measure=sum:duration_s', '/api/explore?table=test_results&group=status',
  '/api/explore?table=test_results&status=fail&bucket=day', '/api/tree/task:T100?depth=2', '/api/tree/change:gerrit.wikimedia.org:1001?depth=1',
  '/api/entities/change:gerrit.wikimedia.org:1001', '/api/tasks?status_class=open', '/api/tasks/T101', '/api/display-names?id=PHID-USER-alice&id=bob&id=nobody',
  '/api/tests?repo=mediawiki/extensions/Example', '/api/tests/failing', '/api/tests/flaky', '/api/tests/history?name=testSave&limit=3',
  '/api/reports/deploys?since=2024-02-01&until=2024-02-10', '/api/reports/test_health?state=failed', '/api/reports/ci_usage?by=repo',
  '/api/reports/ci_usage?by=job', '/api/reports/windows?since=2024-02-01&until=2024-02-03', '/api/status',
];

describe.skipIf(clickhouse.missing)(`answers on DuckDB and ClickHouse (chdb)${clickhouse.missing ? ` (skipped: ${clickhouse.missing})` : ''}`, () => {
  const PARAMS: Record<string, Record<string, unknown>> = { test_history: { name: 'testSave' } };
  it.each(METRICS.map((m) => [m.id, m] as const))('report %s gives the same rows', async (id, m) => {
    const [a, b] = await Promise.all(stores.map((store) => runMetric(m, { store, clock: () => NOW }, PARAMS[id] ?? {})));
    expect(a.rows.length + (m.kind === 'report' ? 0 : 1), `${id} answers something on the test world`).toBeGreaterThanOrEqual(0);
    expect(norm(b.rows)).toEqual(norm(a.rows));
    expect(b.columns).toEqual(a.columns);
  });

  it('every documented GET route, and lists, explore and tree with filters, answer the same', async () => {
    const urls = documentedRoutes(apps[0]).filter((r) => r.method === 'get')
      .map((r) => r.example ?? r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, n: string) => encodeURIComponent(EXAMPLE_PARAMS[n] ?? 'x')));
    expect(urls.length).toBeGreaterThan(15);
    for (const url of [...urls, ...EXTRA_URLS]) {
      const [a, b] = await Promise.all(apps.map(async (app) => {
        const res = await app.request(url);
        return comparable(url, res.status, await res.text());
      }));
      expect(b, url).toEqual(a);
      expect((a as { status: number }).status, url).toBeLessThan(500);
    }
  });

  it('the SQL console answers the same', async () => {
    const sql = "SELECT kind, count(*) AS n, min(started_at) AS first FROM deployments WHERE deployer <> 'nobody' GROUP BY kind ORDER BY kind";
    const [a, b] = await Promise.all(stores.map((s) => s.readOnlyQuery(sql, { limit: 100, timeoutMs: 10_000 })));
    expect(norm(b.rows)).toEqual(norm(a.rows));
    expect(b.columns).toEqual(a.columns);
  });
});
