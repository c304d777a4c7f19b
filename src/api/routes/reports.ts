// GET /api/reports and /api/reports/:id, generated from src/metrics/registry.ts: the
// same definitions `shiplog report <id>` runs, stamped with id@version and watermark.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { findMetric, METRICS, unknownMetricMessage, versionsOf } from '../../metrics/registry.ts';
import { runMetric } from '../../metrics/run.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import type { ColumnInfo } from '../query/catalog.ts';
import { formatOf, respondTable } from '../query/format.ts';
import { peopleOf } from '../query/people.ts';

function paramSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch (err) {
    // A parameter type JSON Schema cannot express: the report still runs, only its docs are thinner.
    return { description: `not expressible as JSON Schema: ${(err as Error).message}` };
  }
}

/** Column types of a report's rows, from the first non-null value of each column. */
function inferColumns(names: string[], rows: Record<string, unknown>[]): ColumnInfo[] {
  return names.map((name) => {
    const v = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    const type = v instanceof Date ? 'TIMESTAMP' : typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : 'VARCHAR';
    return { name, type };
  });
}

export function registerReportRoutes(app: Hono, deps: AppDeps): void {
  route(app, { method: 'get', path: '/api/reports', tag: 'reports', summary: 'Every metric and report: id, version (and every runnable version: GET /api/reports/<id>@<version>), kind, title, unit, parameters' },
    (c) => c.json({
      reports: METRICS.map((m) => ({
        id: m.id, version: m.version, versions: versionsOf(m.id), kind: m.kind, title: m.title, description: m.description, unit: m.unit ?? null, params: paramSchema(m.params),
      })),
    }));

  route(app, {
    method: 'get', path: '/api/reports/:id', tag: 'reports', produces: ['json', 'csv', 'parquet'],
    summary: 'Run one metric or report (<id>, or <id>@<version> for a kept older definition); query parameters are its parameters (since, until, limit, …); the answer is stamped metric (id@version), benchmark where graded, and coverage (per table and source: oldest and newest event loaded, last collection; gaps for the asked period)',
    query: z.looseObject({ format: z.enum(['json', 'csv', 'parquet']).optional(), since: z.string().optional(), until: z.string().optional(), limit: z.string().optional() }),
  }, async (c, { param }) => {
    const id = param('id');
    const def = findMetric(id);
    if (!def) throw new ShiplogError('not_found', unknownMetricMessage(id));
    const { format: formatText, ...raw } = c.req.query();
    const format = formatOf(formatText);
    const result = await runMetric(def, { store: deps.store, clock: deps.clock }, raw);
    if (format === 'json') return c.json({ ...result, ...(await peopleOf(deps.store, result.rows)) });
    const names = result.columns ?? Object.keys(result.rows[0] ?? {});
    return respondTable(c, format, id, { columns: inferColumns(names, result.rows), rows: result.rows });
  });
}
