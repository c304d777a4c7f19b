// Writes need `Authorization: Bearer <token>`; reads are open. Compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ShiplogError } from '../lib/errors.ts';
import type { AppDeps } from './deps.ts';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request carries one of the accepted bearer tokens (reads that may ask for more). */
export function hasValidToken(deps: Pick<AppDeps, 'tokens'>, header: string | undefined): boolean {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  return Boolean(token) && deps.tokens.some((t) => same(t, token!));
}

/** Whether `given` equals one of `tokens`, each compared in constant time. */
export function tokenMatches(tokens: readonly string[], given: string): boolean {
  let ok = false;
  for (const t of tokens) ok = same(t, given) || ok;
  return ok;
}

export function requireToken(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw new ShiplogError('unauthorized', `${c.req.method} ${c.req.path} needs "Authorization: Bearer <token>"`);
    if (!tokenMatches(deps.tokens, token)) {
      throw new ShiplogError('unauthorized', `${c.req.method} ${c.req.path}: the bearer token is not valid`);
    }
    await next();
  };
}
