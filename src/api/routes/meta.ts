// GET /api/openapi.json (generated from the route schemas) and GET /metrics (Prometheus
// text: rows per table, freshness and rejects per source scope, request counts/latency).
import type { Hono } from 'hono';
import { readStatus } from '../../sync/status.ts';
import { freshnessFor } from '../../schedule/run.ts';
import type { AppDeps } from '../deps.ts';
import { renderFreshnessMetrics } from '../schedule-metrics.ts';
import { buildOpenApi, route } from '../openapi.ts';
import { label, RequestStats, renderRequestStats } from '../telemetry.ts';

const API_VERSION = '0.1.0';

export function registerMetaRoutes(app: Hono, deps: AppDeps): void {
  route(app, { method: 'get', path: '/api/openapi.json', tag: 'meta', summary: 'This API as an OpenAPI 3.1 document, generated from the route schemas' },
    (c) => c.json(buildOpenApi(app, API_VERSION)));

  route(app, { method: 'get', path: '/metrics', tag: 'meta', produces: ['text'], summary: 'Prometheus metrics: rows per table, sync freshness and rejects per source, request counts and latency' },
    async (c) => {
      const status = await readStatus(deps.store, deps.clock());
      const out = ['# HELP shiplog_table_rows Rows per table.', '# TYPE shiplog_table_rows gauge'];
      for (const [t, n] of Object.entries(status.tables)) out.push(`shiplog_table_rows{table=${label(t)}} ${n}`);
      out.push('# HELP shiplog_sync_age_seconds Seconds since the last successful sync of a source scope.', '# TYPE shiplog_sync_age_seconds gauge');
      for (const s of status.scopes) if (s.age_s !== null) out.push(`shiplog_sync_age_seconds{source=${label(s.source)},scope=${label(s.scope)}} ${s.age_s}`);
      out.push('# HELP shiplog_sync_last_success_timestamp_seconds Unix time of the last successful sync.', '# TYPE shiplog_sync_last_success_timestamp_seconds gauge');
      for (const s of status.scopes) {
        if (s.last_success_at) out.push(`shiplog_sync_last_success_timestamp_seconds{source=${label(s.source)},scope=${label(s.scope)}} ${s.last_success_at.getTime() / 1000}`);
      }
      out.push('# HELP shiplog_sync_error Whether the last run of a source scope failed (1) or not (0).', '# TYPE shiplog_sync_error gauge');
      for (const s of status.scopes) out.push(`shiplog_sync_error{source=${label(s.source)},scope=${label(s.scope)}} ${s.last_error ? 1 : 0}`);
      out.push('# HELP shiplog_rejects Rejected input items per source scope.', '# TYPE shiplog_rejects gauge');
      for (const s of status.scopes) out.push(`shiplog_rejects{source=${label(s.source)},scope=${label(s.scope)}} ${s.rejects}`);
      out.push(...renderFreshnessMetrics(await freshnessFor(deps.store, deps.config, deps.clock(), deps.scheduler), deps.scheduler?.states()));
      out.push(...renderRequestStats(deps.stats ?? new RequestStats()));
      return c.body(`${out.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    });
}
