// What the web page gets besides rows: display names beside person ids, the link base
// URLs of /api/ui-config, and one wording for a bad date on every route that takes one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { configSchema, LINK_DEFAULTS } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { notADate } from '../model/time.ts';
import { createApp } from './app.ts';
import { personIds } from './query/people.ts';
import { buildTestWorld, NOW, testApp, type TestWorld, XSS } from './test-world.ts';

let world: TestWorld;
let app: Hono;
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  world = await buildTestWorld();
  app = await testApp(world.store);
});
afterAll(async () => world.close());

describe('display names', () => {
  it('finds person ids in person columns, splitting lists', () => {
    expect(personIds([{ deployer: 'alice', message: 'bob' }, { deployers: ['bob', 'carol'], planned_deployers: 'dan eve' }]).sort())
      .toEqual(['alice', 'bob', 'carol', 'dan', 'eve']);
  });

  it('answers a list with people: a person display name before an identity name, HTML kept as text', async () => {
    const r = await get('/api/tables/deployments');
    expect(r.body.people).toEqual({ alice: 'Alice Example', bob: 'Bob Builder', carol: XSS.person });
    expect(r.body.rows.map((x: { deployer: string }) => x.deployer)).toEqual(['alice', 'bob', 'carol']);
  });

  it('names git emails, gerrit accounts and PHIDs in reports, entities and /api/display-names', async () => {
    const windows = await get('/api/reports/windows?since=2024-02-01&until=2024-02-03');
    expect(windows.body.people.alice).toBe('Alice Example');
    const change = await get('/api/entities/change:gerrit.wikimedia.org:1001');
    expect(change.body.people).toEqual({ 'gerrit:1': 'Alice Example' });
    const people = await get('/api/display-names?id=PHID-USER-alice&id=git:alice@example.org&id=nobody');
    expect(people.body.people).toEqual({ 'PHID-USER-alice': 'Alice Example', 'git:alice@example.org': 'Alice' });
  });

  it('leaves CSV exports as they were', async () => {
    const res = await app.request('/api/tables/deployments?format=csv');
    expect(await res.text()).not.toContain('Alice Example');
  });
});

describe('/api/ui-config', () => {
  it('gives Wikimedia\'s link bases by default and the configured ones otherwise', async () => {
    expect((await get('/api/ui-config')).body).toEqual({ links: { ...LINK_DEFAULTS }, time_zone: 'UTC' });
    const other = createApp({
      store: world.store, log: silentLogger(), clock: () => NOW, fetch, tokens: [],
      config: configSchema.parse({ links: { gerrit: 'https://review.example.org/', phabricator: '' } }),
    });
    const body = await (await other.request('/api/ui-config')).json();
    expect(body.links.gerrit).toBe('https://review.example.org');
    expect(body.links.phabricator).toBe('');
    expect(body.links.sal).toBe(LINK_DEFAULTS.sal);
  });

  it('refuses a link base that is not http(s)', () => {
    expect(configSchema.safeParse({ links: { gerrit: 'javascript:alert(1)' } }).success).toBe(false);
  });
});

describe('bad dates', () => {
  const ROUTES = [
    '/api/tables/deployments?since=2024-13-45',
    '/api/explore?table=deployments&since=2024-13-45',
    '/api/tasks?since=2024-13-45',
    '/api/reports/deploys?since=2024-13-45',
    '/api/reports/windows?since=2024-13-45',
    '/api/tests/history?name=x&since=2024-13-45',
  ];
  it('get one wording on every route, naming the parameter', async () => {
    for (const path of ROUTES) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toMatch(/since: "2024-13-45" is not a date \(expected YYYY-MM-DD/);
      expect(r.body.error.message, path).toContain(notADate('2024-13-45'));
    }
    expect((await get('/api/tests?until=2024-02-30')).body.error.message).toContain(`until: ${notADate('2024-02-30')}`);
  });

  it('reads a date with no zone as UTC on lists and reports alike', async () => {
    expect((await get('/api/tables/deployments?since=2024-02-05T14:00&until=2024-02-05T14:01')).body.rows.map((r: { deploy_key: string }) => r.deploy_key))
      .toEqual(['deploy:sal:a2']);
  });
});
