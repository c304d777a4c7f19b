// The Conduit client: POST <url>/api/<method>, form-encoded, with api.token. Retries HTTP
// 429 / 5xx, network failures, unreadable bodies and Conduit error_codes with exponential
// backoff, honouring Retry-After; a bad token fails at once with a message naming the URL.
// I/O only (fetch, clock and sleep are injected). The token never appears in a message.
import { ShiplogError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/log.ts';
import { encodeConduitForm, type ConduitParams } from './form.ts';
import { parseRetryAfter } from './time.ts';

/** Error codes that mean the token (or session) is wrong: retrying cannot help. */
const AUTH_CODES = new Set(['ERR-INVALID-AUTH', 'ERR-INVALID-SESSION', 'ERR-INVALID-TOKEN', 'ERR-NEED-LOGIN']);
const MAX_DELAY_MS = 120_000;

export interface ConduitEnvelope<T> {
  result: T | null;
  error_code: string | null;
  error_info: string | null;
}

export interface ConduitDeps {
  url: string;
  token: string;
  fetch: typeof fetch;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  retries: number;
  backoffMs: number;
  log?: Logger;
  signal?: AbortSignal;
}

export interface ConduitReply<T> {
  result: T;
  endpoint: string;
}

type Attempt<T> = { ok: true; reply: T } | { ok: false; retry: boolean; delayMs: number | null; error: ShiplogError };

export function realSleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}

export class ConduitClient {
  readonly requests: string[] = [];
  constructor(private readonly deps: ConduitDeps) {}

  endpoint(method: string): string {
    return `${this.deps.url.replace(/\/+$/, '')}/api/${method}`;
  }

  private scrub(text: string): string {
    return this.deps.token ? text.split(this.deps.token).join('***') : text;
  }

  private async attempt<T>(method: string, body: string): Promise<Attempt<ConduitReply<T>>> {
    const endpoint = this.endpoint(method);
    let res: Response;
    try {
      res = await this.deps.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: this.deps.signal,
      });
    } catch (err) {
      const cause = ((err as Error).cause as Error | undefined)?.message; // undici puts the reason (ECONNREFUSED…) here
      const msg = `${endpoint}: ${this.scrub((err as Error).message)}${cause ? `: ${this.scrub(cause)}` : ''}`;
      return { ok: false, retry: true, delayMs: null, error: new ShiplogError('source_unreachable', msg, { cause: err }) };
    }
    const text = await res.text().catch((err: Error) => `<body unreadable: ${err.message}>`);
    if (res.status === 429 || res.status >= 500) {
      const delayMs = parseRetryAfter(res.headers.get('retry-after'), this.deps.clock());
      const error = new ShiplogError('source_unreachable', `${endpoint}: HTTP ${res.status} ${res.statusText}`.trim());
      return { ok: false, retry: true, delayMs, error };
    }
    if (res.status === 401 || res.status === 403) {
      return { ok: false, retry: false, delayMs: null, error: new ShiplogError('source_auth', `${endpoint}: HTTP ${res.status}: access denied; check sources.phabricator.token`) };
    }
    if (res.status !== 200) {
      return { ok: false, retry: false, delayMs: null, error: new ShiplogError('source_protocol', `${endpoint}: HTTP ${res.status}: not a Conduit endpoint (check sources.phabricator.url)`) };
    }
    let env: ConduitEnvelope<T>;
    try {
      env = JSON.parse(text) as ConduitEnvelope<T>;
    } catch (err) {
      const msg = `${endpoint}: response is not JSON (${(err as Error).message}): ${JSON.stringify(text.slice(0, 80))}`;
      return { ok: false, retry: true, delayMs: null, error: new ShiplogError('source_protocol', msg, { cause: err }) };
    }
    if (!env || typeof env !== 'object' || !('result' in env || 'error_code' in env)) {
      return { ok: false, retry: false, delayMs: null, error: new ShiplogError('source_protocol', `${endpoint}: not a Conduit envelope (no result / error_code)`) };
    }
    if (env.error_code) {
      const info = this.scrub(String(env.error_info ?? ''));
      if (AUTH_CODES.has(env.error_code)) {
        const msg = `${endpoint}: Conduit rejected the API token (${env.error_code}: ${info}); check sources.phabricator.token for ${this.deps.url}`;
        return { ok: false, retry: false, delayMs: null, error: new ShiplogError('source_auth', msg) };
      }
      return { ok: false, retry: true, delayMs: null, error: new ShiplogError('source_protocol', `${endpoint}: ${env.error_code}: ${info}`) };
    }
    if (env.result === null || env.result === undefined) {
      return { ok: false, retry: false, delayMs: null, error: new ShiplogError('source_protocol', `${endpoint}: Conduit returned no result and no error_code`) };
    }
    return { ok: true, reply: { result: env.result, endpoint } };
  }

  /** Calls a method; throws a ShiplogError (naming the endpoint) once retries are spent. */
  async call<T>(method: string, params: ConduitParams): Promise<ConduitReply<T>> {
    const body = encodeConduitForm(params, this.deps.token);
    for (let n = 0; ; n++) {
      this.requests.push(method);
      const a = await this.attempt<T>(method, body);
      if (a.ok) return a.reply;
      if (!a.retry || n >= this.deps.retries) {
        if (a.retry) a.error.message = `${a.error.message} (gave up after ${n + 1} attempts)`;
        throw a.error;
      }
      const delay = Math.min(MAX_DELAY_MS, a.delayMs ?? this.deps.backoffMs * 2 ** n);
      this.deps.log?.warn({ method, attempt: n + 1, delayMs: delay, reason: a.error.message }, 'conduit call failed, retrying');
      await this.deps.sleep(delay);
    }
  }
}
