// createApp(deps): the HTTP API and the web UI, in-process testable with app.request().
// Route modules register themselves from the table below, one line each.
import { Hono } from 'hono';
import { ShiplogError } from '../lib/errors.ts';
import { ResponseCache } from './cache.ts';
import type { AppDeps } from './deps.ts';
import { errorResponse } from './errors.ts';
import { allowedHostNames, hostGuard, originGuard, readGuard } from './guard.ts';
import { registerCoreRoutes } from './routes/core.ts';
import { registerDatasetRoutes } from './routes/datasets.ts';
import { registerEntityRoutes } from './routes/entities.ts';
import { registerExploreRoutes } from './routes/explore.ts';
import { registerFreshnessRoutes } from './routes/freshness.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerPulseRoutes } from './routes/pulse.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerStewardRoutes } from './routes/steward.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerTaskRoutes } from './routes/tasks.ts';
import { registerTestRoutes } from './routes/tests.ts';
import { registerTrainRoutes } from './routes/trains.ts';
import { registerUiRoutes } from './routes/ui.ts';
import { registerWebRoutes } from './routes/web.ts';
import { registerWorkflowRoutes } from './routes/workflow.ts';
import { SourceLocks } from '../sync/locks.ts';
import { RequestStats } from './telemetry.ts';

const ROUTES: ((app: Hono, deps: AppDeps) => void)[] = [
  registerCoreRoutes,
  registerFreshnessRoutes,
  registerEntityRoutes,
  registerReportRoutes,
  registerPulseRoutes,
  registerDatasetRoutes,
  registerExploreRoutes,
  registerMetaRoutes,
  registerWebRoutes,
  registerWorkflowRoutes,
  registerTaskRoutes,
  registerTestRoutes,
  registerStewardRoutes,
  registerTrainRoutes,
  registerPeopleRoutes,
  registerUiRoutes,
];

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const full: AppDeps = { ...deps, stats: deps.stats ?? new RequestStats(), locks: deps.locks ?? new SourceLocks(deps.clock) };
  app.use('*', full.stats!.middleware());
  // before the cache, so a cached answer is never served to a request these refuse
  app.use('*', hostGuard(allowedHostNames(deps.config.server)));
  app.use('*', originGuard());
  const reads = readGuard(full);
  if (reads) app.use('*', reads);
  app.use('*', (deps.cache ?? new ResponseCache()).middleware(deps.store));
  app.onError((err, c) => {
    if (!(err instanceof ShiplogError)) deps.log.error({ err, path: c.req.path }, 'request failed');
    return errorResponse(c, err);
  });
  app.notFound((c) => errorResponse(c, new ShiplogError('not_found', `no route for ${c.req.method} ${c.req.path}`)));
  for (const register of ROUTES) register(app, full);
  return app;
}
