// GET /api/steward/<repo> and /api/stewardship on a store filled through the real sources:
// an extension history written with git, mediawiki.org pages and a Gerrit projects answer.
// The page carries every lifecycle date with its source; the overview flags attention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { loadStewardWorld, OSM } from '../../../test/helpers/steward-world.ts';
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
