// Health, status, read-only SQL, and the write operations the CLI forwards to a running
// server (import, upload, sync, renormalize), so the server stays the only writer of the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { freshnessFor } from '../../schedule/run.ts';
import { readStatus } from '../../sync/status.ts';
import { importPaths, renormalizeSources, syncSources } from '../../sync/service.ts';
import { MAX_SQL_BYTES } from '../../store/types.ts';
import { Admission } from '../admission.ts';
import { hasValidToken, requireToken } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { errorResponse } from '../errors.ts';
import { route } from '../openapi.ts';
import { formatOf, respondTable } from '../query/format.ts';

const sqlBody = z.object({
  sql: z.string().min(1).describe('one read-only SELECT (WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE)'),
  limit: z.number().int().positive().optional()
    .describe('row limit: default sql.row_limit; with a bearer token up to sql.max_row_limit, without one at most sql.row_limit'),
  format: z.enum(['json', 'csv', 'parquet']).optional(),
});
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const sourcesBody = z.object({ sources: z.array(z.string()).default([]) });

export function registerCoreRoutes(app: Hono, deps: AppDeps): void {
  // at most max_concurrent queries at once, max_queued waiting up to timeout_ms each; then 503
  const sqlTurns = new Admission('POST /api/sql', deps.config.sql.max_concurrent, deps.config.sql.max_queued, deps.config.sql.timeout_ms);

  // The database's file name only: its directory is nobody's business over HTTP.
  route(app, { method: 'get', path: '/api/health', tag: 'core', summary: 'Liveness: answers without touching the store' },
    (c) => c.json({ ok: true, db: basename(deps.store.path) }));

  route(app, { method: 'get', path: '/api/status', tag: 'core', summary: 'Freshness per source against its objective (as /api/freshness); cursor, raw and reject counts per source scope; rows per table; rejects by reason' },
    async (c) => {
      const now = deps.clock();
      return c.json({ ...await readStatus(deps.store, now), freshness: await freshnessFor(deps.store, deps.config, now, deps.scheduler) });
    });

  route(app, {
    method: 'post', path: '/api/sql', tag: 'core', body: sqlBody, produces: ['json', 'csv', 'parquet'], bodyLimit: MAX_SQL_BYTES + 4096,
    query: z.object({ format: z.enum(['json', 'csv', 'parquet']).optional() }),
    summary: 'Read-only SQL for everyone: {"sql": "…"} → {"columns", "rows"}; DDL, DML, COPY, ATTACH, SET, PRAGMA and file/URL readers get a 400 with the reason',
  }, async (c, { body, query }) => {
    const limits = deps.config.sql;
    const rowLimit = Math.min(body.limit ?? limits.row_limit, hasValidToken(deps, c.req.header('authorization')) ? limits.max_row_limit : limits.row_limit);
    const res = await sqlTurns.run(() => deps.store.readOnlyQuery(body.sql, { limit: rowLimit, timeoutMs: limits.timeout_ms, maxBytes: limits.max_response_bytes }));
    const meta = { truncated: res.truncated, ...(res.truncatedBy ? { truncated_by: res.truncatedBy } : {}) };
    return respondTable(c, formatOf(query.format ?? body.format), 'query', { columns: res.columns, rows: res.rows, meta });
  });

  const service = { store: deps.store, config: deps.config, log: deps.log, clock: deps.clock, fetch: deps.fetch, locks: deps.locks };
  const by = (c: { req: { method: string; path: string } }) => ({ ...service, holder: `${c.req.method} ${c.req.path}` });

  route(app, {
    method: 'post', path: '/api/import', tag: 'core', auth: true, middleware: [requireToken(deps)],
    body: z.object({ source: z.string(), paths: z.array(z.string()).min(1), options: z.record(z.string(), z.unknown()).default({}) }),
    summary: 'Import files or folders the server can read through one source (needs a token)',
  }, async (c, { body }) => c.json({ summaries: [await importPaths(by(c), body.source, body.paths, body.options)] }));

  route(app, {
    method: 'post', path: '/api/upload', tag: 'core', auth: true, rawBody: 'application/octet-stream',
    middleware: [requireToken(deps), bodyLimit({
      maxSize: UPLOAD_LIMIT,
      onError: (c) => errorResponse(c, new ShiplogError('payload_too_large', `POST /api/upload: the body is larger than ${UPLOAD_LIMIT} bytes`)),
    })],
    query: z.looseObject({
      source: z.string().min(1).describe('the source that reads this file (sal, junit, calendar, …)'),
      filename: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/).describe('the file name the source sees (letters, digits, . _ -)'),
    }).describe('any other parameter is passed to the source as an import option (e.g. name=…)'),
    summary: 'Upload one file in a source\'s wire format and import it, like `shiplog import <source> <file>` (needs a token; at most 64 MB)',
  }, async (c, { query }) => {
    const { source, filename, ...options } = query as Record<string, string>;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ShiplogError('bad_request', `POST /api/upload: the body (${filename}) is empty`);
    if (bytes.length > UPLOAD_LIMIT) throw new ShiplogError('payload_too_large', `POST /api/upload: ${filename} is ${bytes.length} bytes, more than ${UPLOAD_LIMIT}`);
    if (filename === '.' || filename === '..') throw new ShiplogError('bad_request', `POST /api/upload: "${filename}" is not a file name`);
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-upload-'));
    try {
      const file = join(dir, basename(filename));
      writeFileSync(file, bytes);
      return c.json({ summaries: [await importPaths(by(c), source, [file], options)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  route(app, { method: 'post', path: '/api/sync', tag: 'core', auth: true, middleware: [requireToken(deps)], body: sourcesBody, summary: 'Sync the named (or all configured) sources (needs a token)' },
    async (c, { body }) => c.json({ summaries: await syncSources(by(c), body.sources) }));

  route(app, { method: 'post', path: '/api/renormalize', tag: 'core', auth: true, middleware: [requireToken(deps)], body: sourcesBody, summary: 'Rebuild tables from raw_records without the network (needs a token)' },
    async (c, { body }) => c.json({ summaries: await renormalizeSources(by(c), body.sources) }));
}
