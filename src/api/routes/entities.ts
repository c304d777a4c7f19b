// Lists of every table (time window, filters, keyset cursor, json/csv/parquet), any
// entity by key, and the link tree around a key.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { readCatalog, tableInfo } from '../query/catalog.ts';
import { findEntity, walkTree } from '../query/entities.ts';
import { formatOf, respondTable } from '../query/format.ts';
import { encodeCursor, MAX_LIMIT, parseListQuery, readList } from '../query/list.ts';
import { peopleOf } from '../query/people.ts';

const listQuery = z.looseObject({
  since: z.string().optional().describe('ISO date or time (UTC); rows whose time column is ≥ since'),
  until: z.string().optional().describe('ISO date or time (UTC); rows whose time column is < until'),
  limit: z.string().regex(/^\d+$/).optional().describe(`rows per page, 1–${MAX_LIMIT} (default 100)`),
  cursor: z.string().optional().describe('next_cursor of the previous page'),
  order: z.enum(['key', 'time', '-time']).optional().describe('key (default), time or -time (newest first)'),
  time: z.string().optional().describe('the time column since/until/order apply to (default: the table\'s main one)'),
  format: z.enum(['json', 'csv', 'parquet']).optional(),
}).describe('any other parameter is an equality filter on a column (repeat it for OR), e.g. ?kind=backport&deployer=alice; <name> also matches <name>_key');

export function registerEntityRoutes(app: Hono, deps: AppDeps): void {
  route(app, { method: 'get', path: '/api/tables', tag: 'entities', summary: 'Every listable table: columns, key columns and main time column' },
    async (c) => c.json({ tables: [...(await readCatalog(deps.store)).values()] }));

  route(app, {
    method: 'get', path: '/api/tables/:table', tag: 'entities', query: listQuery, produces: ['json', 'csv', 'parquet'],
    summary: 'Rows of one table, filtered, time-windowed and paged with a keyset cursor',
    example: '/api/tables/deployments?limit=5&order=-time',
  }, async (c, { param }) => {
    const table = param('table');
    const info = await tableInfo(deps.store, table);
    const req = parseListQuery(table, c.req.queries());
    const format = formatOf(c.req.query('format'));
    const { result: res, sql } = await readList(deps.store, info, req).catch((err: unknown) => {
      throw new ShiplogError('bad_request', `${table}: the filters do not fit the column types: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    });
    const more = res.rows.length > req.limit;
    if (more) res.rows.length = req.limit;
    const last = res.rows[res.rows.length - 1];
    const next = more && last ? encodeCursor(sql.orderColumns.map((col) => last[col])) : null;
    return respondTable(c, format, table, { columns: res.columns, rows: res.rows, meta: { table, next_cursor: next, ...(format === 'json' ? await peopleOf(deps.store, res.rows) : {}) } });
  });

  route(app, {
    method: 'get', path: '/api/entities/:key{.+}', tag: 'entities',
    summary: 'One entity by key (change:…, task:T…, commit:…, deploy:…, window:…, train:…, …)',
    example: '/api/entities/task:T1',
  }, async (c, { param }) => {
    const key = param('key');
    const found = await findEntity(deps.store, key);
    if (!found) throw new ShiplogError('not_found', `no entity with key "${key}"`);
    return c.json({ ...found, ...(await peopleOf(deps.store, [found.row])) });
  });

  route(app, {
    method: 'get', path: '/api/tree/:key{.+}', tag: 'entities',
    summary: 'The link graph around a key, both directions, with rule, evidence and confidence per edge',
    query: z.object({
      depth: z.coerce.number().int().min(1).max(5).default(2).describe('hops from the key (1–5)'),
      max_nodes: z.coerce.number().int().min(1).max(2000).default(300),
    }),
    example: '/api/tree/task:T1?depth=1',
  }, async (c, { param, query }) => c.json(await walkTree(deps.store, param('key'), { depth: query.depth, maxNodes: query.max_nodes })));
}
