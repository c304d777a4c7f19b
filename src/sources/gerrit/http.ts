// What is Gerrit's own in its HTTP answers: the `)]}'` XSSI line in front of every JSON body
// (Gerrit REST docs, "Output Format"), and the client policy from sources.gerrit (basic
// auth under /a/ when credentials are set, timeout, retries). Retries, backoff, Retry-After
// and the error shape are the shared client's (src/lib/http).
import { ShiplogError } from '../../lib/errors.ts';
import type { HttpClient } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { CollectContext } from '../types.ts';
import type { GerritConfig } from './config.ts';

/** The body without its first line when that line is Gerrit's `)]}'`. */
export function stripXssiPrefix(text: string): string {
  return text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text;
}

/** A recorded Gerrit JSON body (`)]}'` kept, as fixtures are) → its value. */
export function parseGerritJson(text: string, url: string): unknown {
  try {
    return JSON.parse(stripXssiPrefix(text));
  } catch (err) {
    throw new ShiplogError('source_protocol', `${url}: response is not valid JSON (${(err as Error).message}; ${text.length} bytes)`, { cause: err });
  }
}

export function gerritClient(ctx: CollectContext<unknown>, c: GerritConfig): HttpClient {
  return httpClientFor(ctx, {
    timeoutMs: c.timeout_ms, retries: c.retries, retryBaseMs: c.retry_base_ms, retryMaxMs: c.retry_max_ms,
    auth: c.username && c.password ? { user: c.username, password: c.password } : undefined,
    authHint: 'check sources.gerrit.username/password (an HTTP password from Gerrit settings) and that the account may read these changes',
  });
}

/** GET a Gerrit REST JSON resource through the shared client. */
export function getGerritJson(http: HttpClient, url: string): Promise<unknown> {
  return http.json(url, { decode: stripXssiPrefix });
}
