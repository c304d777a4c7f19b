// GET /api/explore: the pivot (group by, time bucket, measure, filters) behind the
// Explorer page and the Overview charts; JSON answers carry the table's data coverage.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { coverageOf } from '../../metrics/coverage/coverage.ts';
import { utcTime } from '../../model/time-schema.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { tableInfo } from '../query/catalog.ts';
import { BUCKETS, buildExploreSql, EXPLORE_PARAMS } from '../query/explore.ts';
import { exploreSource } from '../query/explore-rollup.ts';
import { formatOf, respondTable } from '../query/format.ts';
import { peopleOf } from '../query/people.ts';

const exploreQuery = z.looseObject({
  table: z.string().min(1).describe('table to aggregate (see /api/tables)'),
  group: z.string().optional().describe('comma-separated columns to group by (at most 3)'),
  bucket: z.enum(BUCKETS).optional().describe('time bucket of the time column (default none)'),
  time: z.string().optional().describe('time column (default: the table\'s main one)'),
  measure: z.string().optional().describe('count (default), or count_distinct|sum|avg|min|max|p50|p95:<column>'),
  since: utcTime.optional(),
  until: utcTime.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(['json', 'csv', 'parquet']).optional(),
}).describe('any other parameter is an equality filter on a column, as in the lists');

export function registerExploreRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/explore', tag: 'explore', query: exploreQuery, produces: ['json', 'csv', 'parquet'],
    summary: 'Group any table by columns and a time bucket, with one measure: the Explorer pivot',
    example: '/api/explore?table=deployments&group=kind&bucket=week',
  }, async (c, { query }) => {
    const info = await tableInfo(deps.store, query.table);
    const filters: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(c.req.queries())) if (!(EXPLORE_PARAMS as readonly string[]).includes(k)) filters[k] = v;
    const req = {
      group: (query.group ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      bucket: query.bucket ?? 'none',
      time: query.time,
      measure: query.measure ?? 'count',
      since: query.since,
      until: query.until,
      limit: query.limit ?? 5000,
      filters,
    };
    buildExploreSql(info, req, deps.store.dialect); // validates the request against the base table's columns
    const rollup = await exploreSource(deps.store, info, req);
    const sql = rollup ? buildExploreSql(rollup.info, req, deps.store.dialect, rollup.measure) : buildExploreSql(info, req, deps.store.dialect);
    const res = await deps.store.query(sql.text, sql.params).catch((err: unknown) => {
      throw new ShiplogError('bad_request', `explore ${query.table}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    });
    return respondTable(c, formatOf(query.format), `${query.table}-explore`, {
      columns: res.columns, rows: res.rows,
      meta: {
        table: query.table, ...(rollup ? { rollup: rollup.info.table } : {}),
        ...(formatOf(query.format) === 'json' ? { ...await peopleOf(deps.store, res.rows), coverage: await coverageOf(deps.store, [query.table], query.since ?? null, query.until ?? null) } : {}),
      },
    });
  });
}
