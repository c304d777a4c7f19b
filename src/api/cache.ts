// Response cache and request coalescing for the read routes. A GET answer of a data route
// is kept (body bytes, status, headers) under method + path + sorted query + the store's
// data generation, so any write makes every older answer unreachable; identical requests
// that arrive while one is being computed wait for it (single flight). It never keeps
// errors, never touches POSTs, requests with Authorization, or routes outside the list.
import type { Context, MiddlewareHandler } from 'hono';
import type { Store } from '../store/index.ts';

/**
 * GET routes whose answer depends only on the stored data and the query string (the
 * format is a query parameter; no route reads Accept). Not /api/health, /api/status or
 * /metrics (they report live figures), not the web files, never POSTs.
 */
export const CACHED_PREFIXES = ['/api/tables', '/api/entities', '/api/tree', '/api/explore', '/api/reports', '/api/tests', '/api/tasks'];

export interface CacheLimits {
  /** Bytes of all kept bodies together; the least recently used go first beyond it. */
  maxBytes: number;
  /** A body larger than this is served (and shared with waiters) but not kept. */
  maxEntryBytes: number;
  /** Age after which an entry is recomputed: a few reports default "as of" to the clock. */
  maxAgeMs: number;
}

/** Constants rather than config keys: nothing to tune for one server with a few users. */
export const DEFAULT_CACHE_LIMITS: Readonly<CacheLimits> = Object.freeze({ maxBytes: 64 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024, maxAgeMs: 30_000 });

/** Says how a cacheable request was answered: hit, miss, coalesced (waited for a miss) or bypass. */
export const CACHE_HEADER = 'x-shiplog-cache';

/** Response headers never replayed: recomputed by the server, or private to one client. */
const NOT_REPLAYED = new Set(['content-length', 'date', 'set-cookie', CACHE_HEADER]);

interface Entry {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  storedAt: number;
}

export function isCacheable(method: string, path: string, authorization: string | undefined): boolean {
  if (method !== 'GET' || authorization) return false;
  return CACHED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** `Cache-Control: no-cache` or `no-store` on the request: compute afresh, keep nothing. */
export function wantsBypass(cacheControl: string | undefined): boolean {
  return /(^|[\s,])no-(cache|store)([\s,=]|$)/i.test(cacheControl ?? '');
}

/** Method, raw path, query pairs sorted by name (repeated names keep their order), generation. */
export function cacheKey(method: string, url: string, generation: number): string {
  const u = new URL(url);
  u.searchParams.sort();
  return `${method} ${u.pathname}?${u.searchParams.toString()} @${generation}`;
}

function replay(e: Entry, how: 'hit' | 'miss' | 'coalesced'): Response {
  const headers = new Headers(e.headers);
  headers.set(CACHE_HEADER, how);
  return new Response(e.body.byteLength ? e.body : null, { status: e.status, headers });
}

/** Labels a request answered here with its route pattern in the request metrics (telemetry.ts). */
function markRoute(c: Context): void {
  c.req.routeIndex = Math.max(0, c.req.matchedRoutes.length - 1);
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>(); // insertion order = least recently used first
  private readonly inflight = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private generation = -1;

  constructor(
    readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get entryCount(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  middleware(store: Pick<Store, 'generation'>): MiddlewareHandler {
    return async (c, next) => {
      if (!isCacheable(c.req.method, c.req.path, c.req.header('authorization'))) return next();
      if (wantsBypass(c.req.header('cache-control'))) {
        await next();
        c.res.headers.set(CACHE_HEADER, 'bypass');
        return;
      }
      const generation = store.generation;
      this.forgetOlderThan(generation);
      const key = cacheKey(c.req.method, c.req.url, generation);
      const kept = this.lookup(key);
      if (kept) {
        markRoute(c);
        return replay(kept, 'hit');
      }
      const pending = this.inflight.get(key);
      if (pending) {
        const e = await pending; // a failure of the computation is rethrown here, to every waiter
        markRoute(c);
        return replay(e, 'coalesced');
      }
      const computing = this.compute(c, next, store, generation, key);
      this.inflight.set(key, computing);
      try {
        c.res = replay(await computing, 'miss');
      } finally {
        this.inflight.delete(key);
      }
    };
  }

  private async compute(c: Context, next: () => Promise<void>, store: Pick<Store, 'generation'>, generation: number, key: string): Promise<Entry> {
    await next();
    const res = c.res;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = [...res.headers.entries()].filter(([k]) => !NOT_REPLAYED.has(k.toLowerCase()));
    const entry: Entry = { status: res.status, headers, body, storedAt: this.now() };
    // Kept only when the data did not change while it was computed (else no one can ask for it).
    if (res.status >= 200 && res.status < 300 && store.generation === generation) this.keep(key, entry);
    return entry;
  }

  private lookup(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (this.now() - e.storedAt > this.limits.maxAgeMs) {
      this.bytes -= e.body.byteLength;
      return undefined;
    }
    this.entries.set(key, e); // most recently used now
    return e;
  }

  private keep(key: string, e: Entry): void {
    if (e.body.byteLength > this.limits.maxEntryBytes || e.body.byteLength > this.limits.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.byteLength;
    }
    this.entries.set(key, e);
    this.bytes += e.body.byteLength;
    for (const [k, victim] of this.entries) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= victim.body.byteLength;
    }
  }

  /** Generations only grow, so entries of an older one can never be asked for again. */
  private forgetOlderThan(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.entries.clear();
    this.bytes = 0;
  }
}
