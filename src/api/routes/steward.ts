// Stewardship routes: GET /api/steward/<repo> (one extension's or skin's steward page) and
// GET /api/stewardship (the fleet overview). Thin over src/api/query/steward*.ts, which
// `shiplog steward` calls too when no server runs.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { stewardPage } from '../query/steward.ts';
import { stewardshipOverview } from '../query/stewardship.ts';

const REPO = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)*$/;

export function registerStewardRoutes(app: Hono, deps: AppDeps): void {
  const sdeps = () => ({ store: deps.store, clock: deps.clock, links: deps.config.links });

  route(app, {
    method: 'get', path: '/api/steward/:repo{.+}', tag: 'steward', example: '/api/steward/mediawiki/extensions/Math',
    summary: "One extension's or skin's steward page: lifecycle (status, every signal with its source and dates, disagreements), standards facts, compliance (score, timeline, days out per bump), activity, merge pace, review responsiveness, bugs and open tasks, CI health, absence factor, stewards, links",
  }, async (c, { param }) => {
    const repo = decodeURIComponent(param('repo'));
    if (!REPO.test(repo)) throw new ShiplogError('bad_request', `GET /api/steward/${repo.slice(0, 80)}: a repository name such as mediawiki/extensions/Echo`);
    return c.json(await stewardPage(sdeps(), repo));
  });

  route(app, {
    method: 'get', path: '/api/stewardship', tag: 'steward', example: '/api/stewardship?limit=5',
    query: z.object({
      status: z.enum(['archived', 'obsolete', 'broken', 'unmaintained', 'wikimedia-deployed', 'maintained', 'unknown']).optional(),
      attention: z.enum(['true', 'false']).optional().describe('true: only the repositories that need attention'),
      q: z.string().min(1).max(200).optional().describe('repository name contains'),
      limit: z.coerce.number().int().min(1).max(10_000).optional(),
    }),
    summary: 'Every extension and skin: lifecycle, steward, compliance per truth, review responsiveness, absence factor, failing CI jobs, needs-attention reasons; and the share of the fleet compliant at each month',
  }, async (c, { query }) => c.json(await stewardshipOverview(sdeps(), { ...query, attention: query.attention === 'true' })));
}
