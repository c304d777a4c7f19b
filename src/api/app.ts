// createApp(deps): the HTTP API and the web UI, in-process testable with app.request().
// Route modules register themselves from the table below, one line each.
import { Hono } from 'hono';
import { ShiplogError } from '../lib/errors.ts';
import type { AppDeps } from './deps.ts';
import { errorResponse } from './errors.ts';
import { registerCoreRoutes } from './routes/core.ts';
import { registerHomeRoutes } from './routes/home.ts';

const ROUTES: ((app: Hono, deps: AppDeps) => void)[] = [
  registerCoreRoutes,
  registerHomeRoutes,
];

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    if (!(err instanceof ShiplogError)) deps.log.error({ err, path: c.req.path }, 'request failed');
    return errorResponse(c, err);
  });
  app.notFound((c) => errorResponse(c, new ShiplogError('not_found', `no route for ${c.req.method} ${c.req.path}`)));
  for (const register of ROUTES) register(app, deps);
  return app;
}
