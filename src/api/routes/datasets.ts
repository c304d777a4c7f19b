// User datasets: GET /api/datasets (the register: tables, columns with stored and inferred
// types, rows, files, rejects); POST /api/datasets?name=…&filename=… uploads one CSV, JSON
// lines or Parquet file into dataset_<name> (needs a token, at most 64 MB), and
// POST /api/datasets/import reads a file the server can see (what `shiplog import dataset`
// sends to a running server). Thin over src/sync/datasets/datasets.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { importDataset, listDatasets, MAX_DATASET_BYTES } from '../../sync/datasets/datasets.ts';
import { requireToken } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { errorResponse } from '../errors.ts';
import { route } from '../openapi.ts';
import { datasetTables } from '../query/catalog.ts';

const name = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/).describe('the dataset: its table is dataset_<name> (lower-case letters, digits, _)');

export function registerDatasetRoutes(app: Hono, deps: AppDeps): void {
  const run = async (path: string, dataset: string, filename?: string) => {
    try {
      return await importDataset({ store: deps.store, clock: deps.clock }, path, dataset, filename);
    } finally {
      datasetTables.generation++; // a table may have been created or gained a column
    }
  };

  route(app, {
    method: 'get', path: '/api/datasets', tag: 'datasets', query: z.strictObject({ name: name.optional() }),
    summary: 'The user datasets (or the one named): table (dataset_<name>), columns with their stored and inferred types, rows, files appended, rows rejected, last file',
  }, async (c, { query }) => c.json({ datasets: (await listDatasets(deps.store)).filter((d) => !query.name || d.name === query.name) }));

  route(app, {
    method: 'post', path: '/api/datasets', tag: 'datasets', auth: true, rawBody: 'application/octet-stream',
    middleware: [requireToken(deps), bodyLimit({
      maxSize: MAX_DATASET_BYTES,
      onError: (c) => errorResponse(c, new ShiplogError('payload_too_large', `POST /api/datasets: the body is larger than ${MAX_DATASET_BYTES} bytes`)),
    })],
    query: z.object({
      name,
      filename: z.string().regex(/^[A-Za-z0-9._-]{1,120}\.(csv|tsv|jsonl|ndjson|json|parquet)$/i).describe('the file name; its extension says the format (.csv, .jsonl, .parquet)'),
    }),
    summary: 'Upload one CSV, JSON lines or Parquet file into dataset_<name> (created, or appended to): types inferred and reported, bad rows rejected, the file archived (needs a token; at most 64 MB)',
  }, async (c, { query }) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ShiplogError('bad_request', `POST /api/datasets: the body (${query.filename}) is empty`);
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-dataset-upload-'));
    try {
      const file = join(dir, basename(query.filename));
      writeFileSync(file, bytes);
      return c.json(await run(file, query.name, query.filename));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  route(app, {
    method: 'post', path: '/api/datasets/import', tag: 'datasets', auth: true, middleware: [requireToken(deps)],
    body: z.object({ path: z.string().min(1).describe('a file the server can read'), name }),
    summary: 'Import a CSV, JSON lines or Parquet file the server can read into dataset_<name>, as `shiplog import dataset` (needs a token)',
  }, async (c, { body }) => c.json(await run(body.path, body.name)));
}
