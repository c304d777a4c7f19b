// The Conduit client: POST <url>/api/<method>, form-encoded, with api.token, through the
// shared HTTP client (src/lib/http: timeouts, retries with backoff on 429/5xx/network/bad
// bodies, Retry-After). What is Conduit's own stays here: the envelope check, a bad token
// failing at once, other error_codes retried. The token never appears in a message.
import { ShiplogError } from '../../lib/errors.ts';
import { AnswerToRetry, type HttpClient } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { CollectContext } from '../types.ts';
import type { PhabricatorConfig } from './config.ts';
import { encodeConduitForm, type ConduitParams } from './form.ts';

/** Error codes that mean the token (or session) is wrong: retrying cannot help. */
const AUTH_CODES = new Set(['ERR-INVALID-AUTH', 'ERR-INVALID-SESSION', 'ERR-INVALID-TOKEN', 'ERR-NEED-LOGIN']);
/** Longest wait between attempts; a Retry-After asking for longer fails the call at once. */
const MAX_DELAY_MS = 120_000;

export interface ConduitEnvelope<T> {
  result: T | null;
  error_code: string | null;
  error_info: string | null;
}

export interface ConduitReply<T> {
  result: T;
  endpoint: string;
}

/** The shared client with the Conduit policy: retries and backoff from config, the token redacted. */
export function conduitHttp(ctx: CollectContext<unknown>, cfg: Pick<PhabricatorConfig, 'token' | 'retries' | 'backoff_ms'>): HttpClient {
  return httpClientFor(ctx, {
    retries: cfg.retries, retryBaseMs: cfg.backoff_ms, retryMaxMs: MAX_DELAY_MS, secrets: [cfg.token],
    authHint: 'access denied; check sources.phabricator.token',
  });
}

/** Accepts a Conduit envelope with a result; throws what the client should do otherwise. */
function checkEnvelope(url: string): (value: unknown) => void {
  return (value) => {
    const env = value as ConduitEnvelope<unknown> | null;
    if (!env || typeof env !== 'object' || !('result' in env || 'error_code' in env)) {
      throw new ShiplogError('source_protocol', 'not a Conduit envelope (no result / error_code)');
    }
    if (env.error_code) {
      const info = String(env.error_info ?? '');
      if (AUTH_CODES.has(env.error_code)) {
        throw new ShiplogError('source_auth', `Conduit rejected the API token (${env.error_code}: ${info}); check sources.phabricator.token for ${url}`);
      }
      throw new AnswerToRetry(`${env.error_code}: ${info}`);
    }
    if (env.result === null || env.result === undefined) throw new ShiplogError('source_protocol', 'Conduit returned no result and no error_code');
  };
}

export class ConduitClient {
  constructor(private readonly deps: { url: string; token: string; http: HttpClient }) {}

  endpoint(method: string): string {
    return `${this.deps.url.replace(/\/+$/, '')}/api/${method}`;
  }

  /** Calls a method; throws a ShiplogError (naming the endpoint) once retries are spent. */
  async call<T>(method: string, params: ConduitParams): Promise<ConduitReply<T>> {
    const endpoint = this.endpoint(method);
    const env = await this.deps.http.json<ConduitEnvelope<T>>(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeConduitForm(params, this.deps.token),
      statusHint: 'not a Conduit endpoint (check sources.phabricator.url)',
      check: checkEnvelope(this.deps.url),
    });
    return { result: env.result as T, endpoint };
  }
}
