// Task routes: GET /api/tasks (filtered list) and GET /api/tasks/:id (one task with its
// history and links). A restricted task answers with its id and restricted: true only;
// its events and links are never read, whatever the tables hold. SQL next to this file.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { keys, normalizeTaskId } from '../../model/ids.ts';
import { utcTime } from '../../model/time-schema.ts';
import { loadSql } from '../../lib/sql.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { peopleOf } from '../query/people.ts';

const listQuery = z.object({
  since: utcTime.optional().describe('created at or after (YYYY-MM-DD or an ISO time, UTC)'),
  until: utcTime.optional().describe('created before'),
  project: z.string().min(1).optional().describe('project name, e.g. MediaWiki-extensions-Math'),
  status_class: z.enum(['open', 'closed']).optional(),
  subtype: z.string().min(1).optional().describe('default, bug, error, release, …'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function registerTaskRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/tasks', tag: 'tasks', query: listQuery,
    summary: 'Phabricator tasks, newest first, filtered by creation time, project, status class and subtype',
    example: '/api/tasks?status_class=open&limit=5',
  }, async (c, { query: q }) => {
    const rows = await deps.store.all(loadSql(import.meta.url, 'tasks-list.sql'),
      [q.since ?? null, q.until ?? null, q.project ?? null, q.status_class ?? null, q.subtype ?? null, q.limit, null]);
    return c.json({ rows, ...(await peopleOf(deps.store, rows)) });
  });

  route(app, {
    method: 'get', path: '/api/tasks/:id', tag: 'tasks',
    summary: 'One task (T123) with its status/owner/priority/project history, comments and links (GerritBot changes, subtasks, train)',
    example: '/api/tasks/T100',
  }, async (c, { param }) => {
    const raw = param('id');
    if (!/^T?\d+$/.test(raw)) throw new ShiplogError('bad_request', `GET /api/tasks/${raw}: a task id is T<number>, e.g. T123`);
    const key = keys.task(normalizeTaskId(raw));
    const [task] = await deps.store.all<Record<string, unknown>>(loadSql(import.meta.url, 'tasks-list.sql'),
      [null, null, null, null, null, 1, key]);
    if (!task) throw new ShiplogError('not_found', `no task ${normalizeTaskId(raw)} (key ${key})`);
    if (task.restricted) return c.json({ task: { task_id: task.task_id, task_key: key, restricted: true }, events: [], links: [] });
    const [events, links] = await Promise.all([
      deps.store.all(loadSql(import.meta.url, 'task-detail.sql'), [key]),
      deps.store.all(loadSql(import.meta.url, 'task-links.sql'), [key]),
    ]);
    return c.json({ task, events, links, ...(await peopleOf(deps.store, [task, ...events])) });
  });
}
