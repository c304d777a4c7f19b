// People routes: GET /api/people (the list), GET /api/people/<ref> (one person: accounts,
// how each joined, joins/proposals/splits with evidence) and GET /api/people-proposals.
// Thin over src/people/read.ts, which `shiplog people` calls too. Decisions (merge, split,
// undo) are CLI-only: they change who is who for every report.
import type { Hono } from 'hono';
import { z } from 'zod';
import { listPeople, proposals, showPerson } from '../../people/read.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';

export function registerPeopleRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/people', tag: 'people', example: '/api/people?limit=20',
    query: z.object({
      q: z.string().min(1).max(200).optional().describe('part of a name, a person key or an account'),
      bots: z.enum(['true', 'false']).optional().describe('true: list bots too'),
      limit: z.coerce.number().int().min(1).max(10_000).optional(),
    }),
    summary: 'People, most accounts first: person_key, display_name, accounts, systems, bot, open proposals (docs/people.md)',
  }, async (c, { query }) => c.json({ rows: await listPeople(deps.store, { filter: query.q ?? null, bots: query.bots === 'true', limit: query.limit ?? 1000 }) }));

  route(app, {
    method: 'get', path: '/api/people/:ref{.+}', tag: 'people', example: '/api/people/person:bob',
    summary: 'One person (by person key, account, email or username): their accounts with the rule each joined by, and every join, proposal and split that concerns them with its evidence',
  }, async (c, { param }) => c.json(await showPerson(deps.store, decodeURIComponent(param('ref')))));

  route(app, {
    method: 'get', path: '/api/people-proposals', tag: 'people', example: '/api/people-proposals',
    query: z.object({ limit: z.coerce.number().int().min(1).max(10_000).optional() }),
    summary: 'Joins a rule would make but did not (they would put together two people with several accounts each), with the people and the evidence; `shiplog people merge` accepts one',
  }, async (c, { query }) => c.json({ rows: await proposals(deps.store, query.limit ?? 1000) }));
}
