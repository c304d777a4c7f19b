// Who may talk to the server at all, checked before any route: the Host header must name
// this server (localhost, an IP address, server.host or server.allowed_hosts), so a
// DNS-rebinding page cannot reach it under a foreign name; a request that changes
// anything or runs SQL (any method but GET/HEAD/OPTIONS) from a browser page of another
// origin is refused; and when server.read_token is set, every request but /api/health
// needs it (or a write token). Reads stay open by default, on loopback.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { ShiplogError } from '../lib/errors.ts';
import { tokenMatches } from './auth.ts';
import type { AppDeps } from './deps.ts';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** Host names (lower case, no port) the server answers to; IP literals always pass. */
export function allowedHostNames(server: { host: string; allowed_hosts: readonly string[] }): Set<string> {
  const names = new Set(['localhost', ...server.allowed_hosts.map((h) => h.toLowerCase())]);
  if (!WILDCARDS.has(server.host)) names.add(server.host.toLowerCase());
  return names;
}

function hostnameOf(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function hostGuard(allowed: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const name = hostnameOf(host);
    if (!(isIP(name) || allowed.has(name))) {
      throw new ShiplogError('forbidden', `Host "${host.slice(0, 100)}" is not a name of this server (add it to server.allowed_hosts)`);
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      let same = origin === undefined;
      if (origin !== undefined && origin !== 'null') {
        try {
          same = new URL(origin).host.toLowerCase() === host.toLowerCase();
        } catch {
          same = false;
        }
      }
      if (!same || c.req.header('sec-fetch-site') === 'cross-site') {
        throw new ShiplogError('forbidden', `${c.req.method} ${c.req.path}: requests from another origin (${(origin ?? 'cross-site').slice(0, 100)}) are refused`);
      }
    }
    await next();
  };
}

/** With server.read_token set: Bearer <read or write token>, or Basic with the token as password (browsers). */
export function readGuard(deps: AppDeps): MiddlewareHandler | null {
  const readToken = deps.config.server.read_token;
  if (!readToken) return null;
  const accepted = [readToken, ...deps.tokens];
  return async (c, next) => {
    if (c.req.path === '/api/health') return next();
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)?.[1];
    const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    const given = bearer ?? password;
    if (!given || !tokenMatches(accepted, given)) {
      c.header('www-authenticate', 'Basic realm="shiplog", charset="UTF-8"');
      throw new ShiplogError('unauthorized', `${c.req.method} ${c.req.path}: this server needs its read token (Authorization: Bearer <server.read_token>)`);
    }
    await next();
  };
}
