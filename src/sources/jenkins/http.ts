// The shared HTTP client (src/lib/http) with the jenkins source's policy: basic auth from
// sources.jenkins.user/token, its retry settings, and the recorded-folder fetch for
// `shiplog import jenkins <dir>`. 404 is an answer there ("not there"): callers ask with
// missingOk. Retries, backoff, Retry-After and errors are the client's.
import type { HttpClient } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { CollectContext } from '../types.ts';
import type { JenkinsConfig } from './config.ts';

export function jenkinsClient(ctx: CollectContext<unknown>, cfg: JenkinsConfig, fetch: typeof globalThis.fetch = ctx.fetch): HttpClient {
  return httpClientFor({ ...ctx, fetch }, {
    retries: cfg.retries, retryBaseMs: cfg.retry_base_ms, retryMaxMs: cfg.retry_max_ms,
    auth: cfg.user && cfg.token ? { user: cfg.user, password: cfg.token } : undefined,
    authHint: 'check sources.jenkins.user and token',
  });
}
