// HTTP for the jenkins source: basic auth from config, retries with exponential backoff on
// network errors, 429 (honouring Retry-After, seconds or an HTTP date) and 5xx; 404 is an
// answer ("not there"), not an error; 401/403 fail the scope as source_auth. I/O only.
import { ShiplogError } from '../../lib/errors.ts';

export interface HttpOptions {
  fetch: typeof fetch;
  user?: string;
  token?: string;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  clock: () => Date;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** GET with retries; resolves to the Response (status 200) or null for 404. */
export async function getWithRetry(url: string, o: HttpOptions): Promise<Response | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.user && o.token) headers.authorization = `Basic ${Buffer.from(`${o.user}:${o.token}`).toString('base64')}`;
  let lastProblem = '';
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    let wait = o.retryBaseMs * 2 ** attempt;
    try {
      const res = await o.fetch(url, { headers, signal: o.signal });
      if (res.ok) return res;
      await res.body?.cancel();
      if (res.status === 404) return null;
      if (res.status === 401 || res.status === 403) {
        throw new ShiplogError('source_auth', `${url}: HTTP ${res.status} (check sources.jenkins.user and token)`);
      }
      lastProblem = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) throw new ShiplogError('source_protocol', `${url}: HTTP ${res.status}`);
      const after = parseRetryAfter(res.headers.get('retry-after'), o.clock());
      if (after !== null) wait = Math.min(after, o.retryMaxMs);
    } catch (err) {
      if (err instanceof ShiplogError) throw err;
      lastProblem = (err as Error).message;
    }
    if (attempt < o.retries) await sleep(wait, o.signal);
  }
  throw new ShiplogError('source_unreachable', `${url}: ${lastProblem} after ${o.retries + 1} attempts`);
}

/** GET a JSON document; null for 404; a body that is not JSON is a source_protocol error. */
export async function getJson<T>(url: string, o: HttpOptions): Promise<{ data: T; text: string } | null> {
  const res = await getWithRetry(url, o);
  if (!res) return null;
  const text = await res.text();
  try {
    return { data: JSON.parse(text) as T, text };
  } catch (err) {
    throw new ShiplogError('source_protocol', `${url}: response is not JSON (${(err as Error).message})`, { cause: err });
  }
}
