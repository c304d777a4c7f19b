// Routes with their schemas, and the OpenAPI document generated from them. A route
// module calls route(app, spec, handler) instead of app.get/post: the spec's zod schemas
// validate the request (a failure is a bad_request in the one error shape) and the same
// schemas become GET /api/openapi.json (z.toJSONSchema). Routes added with app.get/post
// still appear in the document, marked undocumented, and a test names them.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ShiplogError } from '../lib/errors.ts';

export type Produces = 'json' | 'csv' | 'parquet' | 'html' | 'text' | 'any';

export interface RouteSpec<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  /** Hono path: `:name` or `:name{regex}` for path parameters. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  query?: Q;
  body?: B;
  /** The body is raw bytes of this media type (an upload), not JSON. */
  rawBody?: string;
  /** Largest JSON body in bytes (default JSON_BODY_LIMIT); larger ones get 413 before parsing. */
  bodyLimit?: number;
  /** Needs `Authorization: Bearer <token>` (the middleware goes in `middleware`). */
  auth?: boolean;
  middleware?: MiddlewareHandler[];
  produces?: Produces[];
  /** A concrete path that answers on an empty store, for the "every route answers" test. */
  example?: string;
}

export interface RouteInput<Q, B> {
  query: Q;
  body: B;
  param: (name: string) => string;
}

const registered = new WeakMap<Hono, RouteSpec[]>();

/** Largest JSON body a route reads (SQL text, event batches): checked before parsing. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * JSON routes take `application/json` only (a cross-site form cannot send it without a
 * CORS preflight, which this server never grants) and at most JSON_BODY_LIMIT bytes.
 */
function jsonBodyGuards(limit: number): MiddlewareHandler[] {
  const mediaType: MiddlewareHandler = async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ShiplogError('unsupported_media_type', `${c.req.method} ${c.req.path}: send the body as application/json (got ${type ? `"${type.slice(0, 60)}"` : 'no content-type'})`);
    }
    await next();
  };
  const size = bodyLimit({
    maxSize: limit,
    onError: (c) => {
      throw new ShiplogError('payload_too_large', `${c.req.method} ${c.req.path}: the body is larger than ${limit} bytes`);
    },
  });
  return [mediaType, size];
}

export function documentedRoutes(app: Hono): RouteSpec[] {
  return registered.get(app) ?? [];
}

function issueText(where: string, error: z.ZodError): string {
  const i = error.issues[0];
  return `${where}.${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`;
}

async function readBody(c: Context, schema: z.ZodType): Promise<unknown> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (err) {
    throw new ShiplogError('bad_request', `${c.req.method} ${c.req.path}: the request body is not JSON`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ShiplogError('bad_request', `${c.req.method} ${c.req.path}: ${issueText('body', parsed.error)}`);
  return parsed.data;
}

export function route<Q extends z.ZodType, B extends z.ZodType>(
  app: Hono,
  spec: RouteSpec<Q, B>,
  handler: (c: Context, input: RouteInput<z.infer<Q>, z.infer<B>>) => Response | Promise<Response>,
): void {
  const list = registered.get(app) ?? [];
  list.push(spec as RouteSpec);
  registered.set(app, list);
  const handle: MiddlewareHandler = async (c) => {
    let query: unknown = {};
    if (spec.query) {
      const parsed = spec.query.safeParse(c.req.query());
      if (!parsed.success) throw new ShiplogError('bad_request', `${c.req.method} ${c.req.path}: ${issueText('query', parsed.error)}`);
      query = parsed.data;
    }
    const body = spec.body ? await readBody(c, spec.body) : undefined;
    return handler(c, { query: query as z.infer<Q>, body: body as z.infer<B>, param: (n) => c.req.param(n) ?? '' });
  };
  const guards = spec.body ? jsonBodyGuards(spec.bodyLimit ?? JSON_BODY_LIMIT) : [];
  app.on(spec.method.toUpperCase(), [spec.path], ...(spec.middleware ?? []), ...guards, handle);
}

/** `/api/tree/:key{.+}` → `/api/tree/{key}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, '{$1}');
}

function schemaOf(t: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(t, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

const MEDIA: Record<Exclude<Produces, 'any'>, string> = {
  json: 'application/json', csv: 'text/csv', parquet: 'application/vnd.apache.parquet', html: 'text/html', text: 'text/plain',
};

function operation(spec: RouteSpec): Record<string, unknown> {
  const params: Record<string, unknown>[] = [...spec.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => ({
    name: m[1], in: 'path', required: true, schema: { type: 'string' },
  }));
  if (spec.query) {
    const s = schemaOf(spec.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(s.properties ?? {})) {
      params.push({ name, in: 'query', required: (s.required ?? []).includes(name), schema });
    }
  }
  const produces = (spec.produces ?? ['json']).filter((p): p is Exclude<Produces, 'any'> => p !== 'any');
  const content = Object.fromEntries(produces.map((p) => [MEDIA[p], {}]));
  const errors = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    parameters: params,
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body) } } } } : {}),
    ...(spec.rawBody ? { requestBody: { required: true, content: { [spec.rawBody]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
    ...(spec.auth ? { security: [{ bearer: [] }] } : {}),
    ...(spec.example ? { 'x-example': spec.example } : {}),
    responses: {
      200: { description: 'success', content },
      400: errors,
      ...(spec.auth ? { 401: errors } : {}),
      404: errors,
      500: errors,
    },
  };
}

export function buildOpenApi(app: Hono, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of documentedRoutes(app)) {
    const p = openApiPath(spec.path);
    paths[p] = { ...paths[p], [spec.method]: operation(spec) };
  }
  for (const r of app.routes) {
    const method = r.method.toLowerCase();
    if (method === 'all') continue;
    const p = openApiPath(r.path);
    if (paths[p]?.[method]) continue;
    paths[p] = { ...paths[p], [method]: { summary: '(undocumented: register it with route() in src/api/openapi.ts)', 'x-undocumented': true, responses: { 200: { description: 'success' } } } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'shiplog API', version, description: 'The release-engineering record: lists, entities, link trees, reports and read-only SQL. See docs/api.md.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  };
}
