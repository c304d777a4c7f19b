// The one JSON error shape of every route: {"error": {"code", "message"}}, with the
// HTTP status mapped once from the error code (src/lib/errors.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError, httpStatusOf, ShiplogError } from '../lib/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(err: unknown): ErrorBody {
  const code = err instanceof ShiplogError ? err.code : 'store_failure';
  return { error: { code, message: describeError(err) } };
}

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof ShiplogError && err.retryAfterS !== undefined) c.header('retry-after', String(err.retryAfterS));
  return c.json(errorBody(err), httpStatusOf(err) as ContentfulStatusCode);
}
