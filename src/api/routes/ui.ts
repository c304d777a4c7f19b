// What the web page needs besides data: GET /api/ui-config (the base URLs entities link
// out to, from the config's `links:`, and the time zone every time is shown in) and
// GET /api/display-names (display names for person ids the page found elsewhere, e.g. in SQL).
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { displayNames } from '../query/people.ts';

export function registerUiRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/ui-config', tag: 'web',
    summary: 'Settings for the web page: base URLs of the systems entities link out to (config links:), and the time zone of every time shown (UTC)',
    example: '/api/ui-config',
  }, (c) => c.json({ links: deps.config.links, time_zone: 'UTC' }));

  route(app, {
    method: 'get', path: '/api/display-names', tag: 'web',
    summary: 'Display names for person ids (person keys, git:<email>, gerrit:<account>, PHIDs, usernames, IRC nicks): {"people": {id: name}}; ids without a known name are left out',
    query: z.strictObject({ id: z.union([z.string(), z.array(z.string())]).optional().describe('a person id; repeat for more (at most 500)') }),
    example: '/api/display-names?id=alice',
  }, async (c) => {
    const ids = c.req.queries('id') ?? [];
    return c.json({ people: await displayNames(deps.store, ids.slice(0, 500)) });
  });
}
