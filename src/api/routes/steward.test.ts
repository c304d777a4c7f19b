// GET /api/steward/<repo> and /api/stewardship on a store filled through the real sources:
// an extension history written with git, mediawiki.org pages and a Gerrit projects answer.
// The page carries every lifecycle date with its source; the overview flags attention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { loadStewardWorld, OSM } from '../../../test/helpers/steward-world.ts';
import { keys } from '../../model/ids.ts';
import { openStore, type Store } from '../../store/index.ts';
import { testApp } from '../test-world.ts';

const REPO = OSM;
let store: Store;
let app: Hono;

beforeAll(async () => {
  store = await openStore(':memory:');
  await loadStewardWorld(store);
  app = await testApp(store);
});
afterAll(() => store.close());

describe('GET /api/steward/<repo>', () => {
  it("shows OpenStackManager's three dates, from three sources, and the reconciled status", async () => {
    const res = await app.request(`/api/steward/${REPO}`);
    expect(res.status).toBe(200);
    const p = (await res.json()) as { lifecycle: Record<string, unknown>; dates: { what: string; at: string; source: string }[]; compliance: { scores: unknown[] }; metrics: { id: string }[] };
    expect(p.lifecycle).toMatchObject({ status: 'archived', archived: true });
    const dates = Object.fromEntries(p.dates.map((d) => [d.what, d.at.slice(0, 10)]));
    expect(dates).toMatchObject({ 'last human commit': '2024-01-12', 'last bot-only commit': '2024-03-27', 'archived in CI': '2024-06-24', '{{Archived extension}} on mediawiki.org': '2024-07-02' });
    expect(p.dates.find((d) => d.what === 'archived in CI')?.source).toBe('CI (zuul/layout.yaml)');
    expect(p.compliance.scores).toHaveLength(3);
    expect(p.metrics.map((m) => m.id)).toContain('absence_factor');
  });

  it('links every job of the repository to its newest build, the jobs failing now first', async () => {
    const at = (d: number) => new Date(Date.now() - d * 86_400_000);
    const url = (job: string, n: number) => `https://integration.wikimedia.org/ci/job/${job}/${n}/`;
    await store.write('ci_builds', [
      { build_key: keys.build('jenkins', 'quibble-php81/1'), system: 'jenkins', pipeline: 'gate-and-submit', job: 'quibble-php81', build_number: 1, result: 'success', started_at: at(3), repo: REPO, url: url('quibble-php81', 1) },
      { build_key: keys.build('jenkins', 'quibble-php81/2'), system: 'jenkins', pipeline: 'gate-and-submit', job: 'quibble-php81', build_number: 2, result: 'failure', started_at: at(2), repo: REPO, url: url('quibble-php81', 2) },
      { build_key: keys.build('jenkins', 'phan/7'), system: 'jenkins', pipeline: 'gate-and-submit', job: 'phan', build_number: 7, result: 'success', started_at: at(1), repo: REPO, url: url('phan', 7) },
    ]);
    const p = (await (await app.request(`/api/steward/${REPO}`)).json()) as { tests: { failing_jobs: string[]; latest_builds: { job: string; url: string; failing: boolean }[] } };
    expect(p.tests.failing_jobs).toEqual(['quibble-php81']);
    expect(p.tests.latest_builds).toEqual([
      { job: 'quibble-php81', url: url('quibble-php81', 2), failing: true },
      { job: 'phan', url: url('phan', 7), failing: false }, // passing: linked all the same
    ]);
    await store.run('DELETE FROM ci_builds');
  });

  it('answers 404 for an unknown repository and 400 for a bad name', async () => {
    expect((await app.request('/api/steward/mediawiki/extensions/Nope')).status).toBe(404);
    expect((await app.request('/api/steward/..%2F..%2Fetc')).status).toBe(400);
  });
});

describe('GET /api/stewardship', () => {
  it('lists every extension and skin with its lifecycle, and filters', async () => {
    const res = await app.request('/api/stewardship');
    const o = (await res.json()) as { rows: { repo: string; status: string; needs_attention: boolean }[]; compliance_over_time: unknown[] };
    expect(o.rows.find((r) => r.repo === REPO)).toMatchObject({ status: 'archived' });
    expect(o.rows.map((r) => r.repo)).toContain('mediawiki/extensions/Echo'); // known from its mediawiki.org page only
    expect(o.compliance_over_time.length).toBeGreaterThan(0);
    const only = (await (await app.request('/api/stewardship?status=archived')).json()) as { rows: { status: string }[] };
    expect(only.rows.every((r) => r.status === 'archived')).toBe(true);
    expect((await app.request('/api/stewardship?limit=0')).status).toBe(400);
  });
});
