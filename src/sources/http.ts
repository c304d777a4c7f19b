// The shared HTTP client (src/lib/http) for one collect run: fetch, clock, sleep, jitter,
// signal and logger come from the collect context; the policy (timeouts, retries, auth)
// from the source's config. Every collector that speaks HTTP starts here.
import { createHttpClient, type HttpClient, type HttpPolicy } from '../lib/http/client.ts';
import type { CollectContext } from './types.ts';

export function httpClientFor(ctx: CollectContext<unknown>, policy: HttpPolicy = {}): HttpClient {
  return createHttpClient({ fetch: ctx.fetch, clock: ctx.clock, sleep: ctx.sleep, random: ctx.random, signal: ctx.signal, log: ctx.log }, policy);
}
