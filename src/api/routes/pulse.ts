// GET /api/pulse: the pulse report (src/metrics/pulse) in sections, for the Pulse page and
// for clients that want figures by name: { metric, period, figures, deploys, repositories,
// people, new_contributors, notes, coverage }. The same run as GET /api/reports/pulse.
import type { Hono } from 'hono';
import { z } from 'zod';
import { utcTime } from '../../model/time-schema.ts';
import { pulse } from '../../metrics/pulse/pulse.ts';
import { runMetric } from '../../metrics/run.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';

const SECTIONS = { figures: 'figures', deploys: 'deploys', repositories: 'repositories', people: 'people', new_contributors: 'new contributors' } as const;

export function registerPulseRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/pulse', tag: 'reports', example: '/api/pulse?since=2024-02-01&until=2024-02-10',
    query: z.object({
      since: utcTime.optional().describe('start of the period (default: until less 7 days)'),
      until: utcTime.optional().describe('end of the period, excluded (default: now)'),
      top: z.coerce.number().int().min(1).max(1000).optional().describe('repositories, people and new contributors listed (default 10)'),
    }),
    summary: 'Pulse of a period: merges, changes opened, tasks opened and closed, deploys by class and kind, trains and rollbacks, incidents, new contributors, most active repositories and people; each figure with its coverage, stamped pulse@version with per-source data coverage',
  }, async (c, { query }) => {
    const r = await runMetric(pulse, { store: deps.store, clock: deps.clock }, query);
    const sections = Object.fromEntries(Object.entries(SECTIONS).map(([k, name]) => [k, r.rows.filter((x) => x.section === name).map(({ section: _s, ...rest }) => rest)]));
    return c.json({ metric: r.metric, period: { since: r.coverage.since, until: r.coverage.until }, ...sections, notes: r.notes ?? [], coverage: r.coverage });
  });
}
