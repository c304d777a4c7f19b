// Health, status, read-only SQL, and the write operations the CLI forwards to a running
// server (import, sync, renormalize), so the server stays the only writer of the file.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { readStatus } from '../../sync/status.ts';
import { importPaths, renormalizeSources, syncSources } from '../../sync/service.ts';
import { requireToken } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

async function body<T>(c: { req: { json: () => Promise<unknown> } }, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (err) {
    throw new ShiplogError('bad_request', 'request body is not JSON', { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ShiplogError('bad_request', `body.${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return parsed.data;
}

export function registerCoreRoutes(app: Hono, deps: AppDeps): void {
  app.get('/api/health', (c) => c.json({ ok: true, db: deps.store.path }));

  app.get('/api/status', async (c) => c.json(await readStatus(deps.store, deps.clock())));

  app.post('/api/sql', async (c) => {
    const { sql, limit } = await body(c, z.object({ sql: z.string().min(1), limit: z.number().int().positive().optional() }));
    const rowLimit = Math.min(limit ?? deps.config.sql.row_limit, deps.config.sql.row_limit);
    const res = await deps.store.readOnlyQuery(sql, { limit: rowLimit, timeoutMs: deps.config.sql.timeout_ms });
    return c.json({ columns: res.columns.map((x) => x.name), types: res.columns.map((x) => x.type), rows: res.rows, truncated: res.truncated });
  });

  const service = { store: deps.store, config: deps.config, log: deps.log, clock: deps.clock, fetch: deps.fetch };

  app.post('/api/import', requireToken(deps), async (c) => {
    const b = await body(c, z.object({ source: z.string(), paths: z.array(z.string()).min(1), options: z.record(z.string(), z.unknown()).default({}) }));
    return c.json({ summaries: [await importPaths(service, b.source, b.paths, b.options)] });
  });

  app.post('/api/sync', requireToken(deps), async (c) => {
    const b = await body(c, z.object({ sources: z.array(z.string()).default([]) }));
    return c.json({ summaries: await syncSources(service, b.sources) });
  });

  app.post('/api/renormalize', requireToken(deps), async (c) => {
    const b = await body(c, z.object({ sources: z.array(z.string()).default([]) }));
    return c.json({ summaries: await renormalizeSources(service, b.sources) });
  });
}
