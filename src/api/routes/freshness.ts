// GET /api/freshness: each synced source against its freshness objective (ok, warn,
// error, never), with the schedule's next run when `serve --sync` keeps it fresh. Cheap
// (sync_state only), for the page header to poll; GET /api/status carries the same list.
import type { Hono } from 'hono';
import { freshnessFor } from '../../schedule/run.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';

export function registerFreshnessRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/freshness', tag: 'core',
    summary: 'Per synced source: age of its stalest scope\'s last successful sync against warn_after/error_after (state ok, warn, error or never), and the next scheduled sync under serve --sync',
  }, async (c) => {
    const now = deps.clock();
    const sources = await freshnessFor(deps.store, deps.config, now, deps.scheduler);
    const worst = (['error', 'never', 'warn', 'ok'] as const).find((s) => sources.some((f) => f.state === s)) ?? 'ok';
    return c.json({ as_of: now, state: sources.length ? worst : null, scheduled: Boolean(deps.scheduler), sources });
  });
}
