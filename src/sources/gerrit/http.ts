// HTTP for the gerrit source: `)]}'` XSSI prefix stripped before JSON.parse (Gerrit REST
// docs, "Output Format"), basic auth under /a/ when credentials are set, a timeout per
// request, retries with exponential backoff on network errors, 5xx, 429 (Retry-After
// honoured, seconds or HTTP date), truncated or invalid JSON. 401/403 fail as source_auth.
import { ShiplogError } from '../../lib/errors.ts';

export interface GerritHttp {
  fetch: typeof fetch;
  username?: string;
  password?: string;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** A Gerrit JSON body: the first line `)]}'` is removed, the rest parsed. */
export function parseGerritJson(text: string, url: string): unknown {
  const body = text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new ShiplogError('source_protocol', `${url}: response is not valid JSON (${(err as Error).message}; ${text.length} bytes)`, { cause: err });
  }
}

class Retryable extends Error {
  constructor(message: string, readonly waitMs: number | null, options?: { cause?: unknown }) {
    super(message, options);
  }
}

async function once(h: GerritHttp, url: string): Promise<{ json: unknown; text: string }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (h.username && h.password) headers.authorization = `Basic ${Buffer.from(`${h.username}:${h.password}`).toString('base64')}`;
  const signals = [AbortSignal.timeout(h.timeoutMs), ...(h.signal ? [h.signal] : [])];
  let res: Response;
  let text: string;
  try {
    res = await h.fetch(url, { headers, signal: AbortSignal.any(signals) });
    text = await res.text();
  } catch (err) {
    if (h.signal?.aborted) throw err;
    throw new Retryable(`${url}: ${(err as Error).name === 'TimeoutError' ? `no answer within ${h.timeoutMs} ms` : (err as Error).message}`, null, { cause: err });
  }
  if (res.status === 401 || res.status === 403) {
    throw new ShiplogError('source_auth', `${url}: HTTP ${res.status} — check sources.gerrit.username/password (an HTTP password from Gerrit settings) and that the account may read these changes`);
  }
  if (res.status === 429 || res.status >= 500) {
    throw new Retryable(`${url}: HTTP ${res.status}`, parseRetryAfter(res.headers.get('retry-after'), h.clock()));
  }
  if (!res.ok) throw new ShiplogError('source_protocol', `${url}: HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return { json: parseGerritJson(text, url), text };
  } catch (err) {
    throw new Retryable((err as Error).message, null, { cause: err }); // a cut connection: ask again
  }
}

/** GET a Gerrit REST JSON resource with retries; the error after the last try names the URL. */
export async function getGerritJson(h: GerritHttp, url: string): Promise<unknown> {
  const sleep = h.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return (await once(h, url)).json;
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      if (attempt >= h.retries) {
        const code = /not valid JSON/.test(err.message) ? 'source_protocol' : 'source_unreachable';
        throw new ShiplogError(code, `${err.message} (after ${attempt + 1} tries)`, { cause: err });
      }
      const backoff = Math.min(h.retryMaxMs, h.retryBaseMs * 2 ** attempt);
      await sleep(Math.min(h.retryMaxMs, err.waitMs ?? backoff));
    }
  }
}
