// The deployer workflow's write routes (needs a token): POST /api/windows (a window was
// opened), POST /api/windows/{key}/done (closed), POST /api/deployments (a deploy started
// or ended). Each body is one workflow event as `shiplog window|deploy` records it; it
// enters through the pipeline as a raw record of the `workflow` source (idempotent: a
// re-delivered event changes nothing).
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { keys } from '../../model/ids.ts';
import { deployEndEvent, deployStartEvent, windowDoneEvent, windowOpenEvent, type WorkflowEvent } from '../../sources/workflow/events.ts';
import { ingestWorkflowEvents } from '../../workflow/ingest.ts';
import { requireToken } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';

export function registerWorkflowRoutes(app: Hono, deps: AppDeps): void {
  const pipeline = { store: deps.store, log: deps.log, clock: deps.clock, fetch: deps.fetch };
  const ingest = async (event: WorkflowEvent) => {
    const summary = await ingestWorkflowEvents(pipeline, [event]);
    if (summary.errors.length > 0) throw new ShiplogError('store_failure', summary.errors.join('; '));
    return { rejected: summary.rejected, tables: summary.tables };
  };
  const auth = { auth: true, middleware: [requireToken(deps)] };

  route(app, {
    method: 'post', path: '/api/windows', tag: 'workflow', ...auth, body: windowOpenEvent,
    summary: 'A deployer opened a window (`shiplog window start`): a window-open event (needs a token)',
  }, async (c, { body }) => {
    const res = await ingest(body);
    return c.json({ window_key: keys.window(body.window_id), ...res }, 201);
  });

  route(app, {
    method: 'post', path: '/api/windows/:key/done', tag: 'workflow', ...auth, body: windowDoneEvent,
    summary: 'A deployer closed a window (`shiplog window done`): a window-done event for window {key} (needs a token)',
  }, async (c, { body, param }) => {
    const key = param('key');
    if (key !== keys.window(body.window_id) && key !== body.window_id) {
      throw new ShiplogError('bad_request', `POST /api/windows/${key}/done: the body is about ${keys.window(body.window_id)}`);
    }
    return c.json({ window_key: keys.window(body.window_id), ...(await ingest(body)) });
  });

  route(app, {
    method: 'post', path: '/api/deployments', tag: 'workflow', ...auth,
    body: z.discriminatedUnion('type', [deployStartEvent, deployEndEvent]),
    summary: 'A deploy wrapped by `shiplog deploy` started or ended: a deploy-start or deploy-end event (needs a token)',
  }, async (c, { body }) => c.json({ deploy_key: keys.deploy('workflow', body.deploy_id), ...(await ingest(body)) }, 201));
}
