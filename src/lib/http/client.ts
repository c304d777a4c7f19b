// The one HTTP client every collector uses: fetch injected (never the global), a timeout per
// attempt, retries with exponential backoff and jitter on network errors, timeouts, 5xx, 429
// and unreadable bodies, Retry-After honoured up to a cap. Errors are ShiplogErrors on one
// line naming the URL, credentials redacted: source_auth (401/403, never retried),
// source_unreachable, source_protocol. It returns text or JSON; what a body means (Gerrit's
// `)]}'`, a Conduit envelope) stays in the source, through the `decode` and `check` hooks.
import { ShiplogError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import { redactSecrets } from '../redact.ts';
import { parseRetryAfter } from './retry-after.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client is given by its caller: I/O, clock, waiting and randomness, all injectable. */
export interface HttpDeps {
  fetch: typeof fetch;
  clock: () => Date;
  /** Waits between attempts; tests pass one that records and returns at once. */
  sleep?: Sleep;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** The run's signal: aborting it stops the request and every retry (never retried itself). */
  signal?: AbortSignal;
  log?: Logger;
}

/** How hard to try. Every field has a default; sources map their config keys onto these. */
export interface HttpPolicy {
  /** Per attempt: until the whole body is read (text/json), between chunks (stream). */
  timeoutMs?: number;
  /** Attempts after the first. */
  retries?: number;
  /** First backoff wait; doubled each attempt, jittered to 50–100 %. */
  retryBaseMs?: number;
  /** Longest wait between attempts. A Retry-After beyond it fails at once instead of waiting. */
  retryMaxMs?: number;
  /** Basic auth on every request; the password is redacted from every message. */
  auth?: { user: string; password: string };
  /** Headers sent with every request (a user-agent is set unless given). */
  headers?: Record<string, string>;
  /** Other values never to print (a token sent in a POST body). */
  secrets?: (string | undefined)[];
  /** Appended to a 401/403 message: which config keys to check. */
  authHint?: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Appended to the message of a 4xx other than 401/403/404-allowed (e.g. "check sources.x.url"). */
  statusHint?: string;
}

/** 404 resolves to null instead of failing (a discarded Jenkins build is an answer). */
type Missing = { missingOk: true };

export interface JsonOptions extends RequestOptions {
  /** Turns the body text into JSON text (Gerrit drops its `)]}'` line here). */
  decode?: (text: string) => string;
  /**
   * Looks at the parsed value: throw an AnswerToRetry to ask again like a 5xx (a Conduit lock
   * timeout), a ShiplogError (its code kept) or any error to fail at once, or return to accept
   * it. The message says what is wrong; the client puts the URL in front.
   */
  check?: (value: unknown) => void;
}

/** Thrown by a `check` hook: the answer is a transient failure; retried, then source_protocol. */
export class AnswerToRetry extends Error {}

export const DEFAULT_POLICY = { timeoutMs: 30_000, retries: 4, retryBaseMs: 1_000, retryMaxMs: 60_000 } as const;
const USER_AGENT = 'shiplog (release-engineering history)';

/** The backoff before attempt `attempt + 1` (0-based): base·2^attempt, capped, jittered to 50–100 %. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const full = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(full * (0.5 + random() / 2));
}

/** setTimeout, ending early when the signal aborts (the caller then sees the abort). */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => (clearTimeout(t), signal?.removeEventListener('abort', done), resolve());
    const t = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });

/** A failure of one attempt; `code` is the error the caller gets once retries are spent. */
class Failure {
  constructor(
    readonly code: ErrorCode,
    readonly problem: string,
    readonly retry: boolean,
    readonly cause?: unknown,
    readonly status?: number,
    readonly waitMs: number | null = null,
  ) {}
}

/** The error of a failed request: one line naming the URL, with the HTTP status when one came. */
export class HttpError extends ShiplogError {
  readonly status?: number;
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; status?: number }) {
    super(code, message, { cause: options.cause });
    if (options.status !== undefined) this.status = options.status;
  }
}

function reasonOf(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  const cause = e?.cause?.message ?? e?.cause?.code; // undici puts ECONNREFUSED… in cause
  return `${e?.message ?? String(err)}${cause && !e.message?.includes(cause) ? `: ${cause}` : ''}`;
}

const oneLine = (text: string, max = 120) => text.replace(/\s+/g, ' ').trim().slice(0, max);

export class HttpClient {
  private readonly policy: Required<Pick<HttpPolicy, 'timeoutMs' | 'retries' | 'retryBaseMs' | 'retryMaxMs'>> & HttpPolicy;
  private readonly secrets: string[];

  constructor(private readonly deps: HttpDeps, policy: HttpPolicy = {}) {
    const defined = Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
    this.policy = { ...DEFAULT_POLICY, ...defined };
    this.secrets = [...(policy.secrets ?? []), policy.auth?.password].filter((s): s is string => !!s && s.length >= 3);
  }

  /** Text with URL credentials and the known secrets replaced, for every message. */
  redact(text: string): string {
    let out = redactSecrets(text);
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  text(url: string, opts?: RequestOptions): Promise<string>;
  text(url: string, opts: RequestOptions & Missing): Promise<string | null>;
  async text(url: string, opts: RequestOptions & Partial<Missing> = {}): Promise<string | null> {
    return this.run(url, opts, async (res) => res.text());
  }

  json<T = unknown>(url: string, opts?: JsonOptions): Promise<T>;
  json<T = unknown>(url: string, opts: JsonOptions & Missing): Promise<T | null>;
  async json<T = unknown>(url: string, opts: JsonOptions & Partial<Missing> = {}): Promise<T | null> {
    const headers = { accept: 'application/json', ...opts.headers };
    return this.run(url, { ...opts, headers }, async (res) => {
      const text = await res.text();
      let value: unknown;
      try {
        value = JSON.parse(opts.decode ? opts.decode(text) : text);
      } catch (err) {
        // a body cut short without a transport error looks the same: asked again, then reported
        const problem = `response is not valid JSON (${(err as Error).message}; ${text.length} bytes: ${JSON.stringify(oneLine(text, 60))})`;
        throw new Failure('source_protocol', problem, true, err);
      }
      try {
        opts.check?.(value);
      } catch (err) {
        // the hook says what is wrong; the client names the URL and redacts
        if (err instanceof AnswerToRetry) throw new Failure('source_protocol', err.message, true, err);
        throw new Failure(err instanceof ShiplogError ? err.code : 'source_protocol', reasonOf(err), false, err);
      }
      return value as T;
    });
  }

  /**
   * The response with its body unread, for streaming a large document; the timeout then
   * applies between chunks, and a body cut short errors naming the URL. Only the status and
   * headers are retried: a stream that fails midway is the caller's to restart.
   */
  stream(url: string, opts?: RequestOptions): Promise<Response>;
  stream(url: string, opts: RequestOptions & Missing): Promise<Response | null>;
  async stream(url: string, opts: RequestOptions & Partial<Missing> = {}): Promise<Response | null> {
    return this.run(url, opts, async (res, idle) => idle(res), true);
  }

  private async run<T>(
    url: string,
    opts: RequestOptions & Partial<Missing>,
    read: (res: Response, idle: (res: Response) => Response) => Promise<T>,
    streaming = false,
  ): Promise<T | null> {
    const { retries, retryBaseMs, retryMaxMs } = this.policy;
    const sleep = this.deps.sleep ?? realSleep;
    const random = this.deps.random ?? Math.random;
    for (let attempt = 0; ; attempt++) {
      const f = await this.attempt(url, opts, read, streaming);
      if (!(f instanceof Failure)) return f.value;
      const tries = attempt + 1;
      if (f.waitMs !== null && f.waitMs > retryMaxMs) {
        const asked = Number.isFinite(f.waitMs) ? `${Math.ceil(f.waitMs / 1000)} s` : 'forever';
        throw this.error('source_unreachable', url, `${f.problem}, Retry-After asks to wait ${asked}, beyond the ${Math.round(retryMaxMs / 1000)} s limit${tries > 1 ? ` (after ${tries} attempts)` : ''}`, f);
      }
      if (!f.retry || attempt >= retries) {
        throw this.error(f.code, url, `${f.problem}${f.retry && tries > 1 ? ` (after ${tries} attempts)` : ''}`, f);
      }
      const waitMs = f.waitMs ?? backoffMs(attempt, retryBaseMs, retryMaxMs, random);
      this.deps.log?.warn({ url: this.redact(url), attempt: tries, waitMs, reason: this.redact(f.problem) }, 'HTTP request failed, retrying');
      await sleep(waitMs, this.deps.signal);
      this.deps.signal?.throwIfAborted();
    }
  }

  private error(code: ErrorCode, url: string, problem: string, f: Failure): HttpError {
    return new HttpError(code, this.redact(`${url}: ${oneLine(problem, 400)}`), { cause: f.cause, status: f.status });
  }

  private headers(opts: RequestOptions): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': USER_AGENT, ...this.policy.headers, ...opts.headers };
    const a = this.policy.auth;
    if (a) h.authorization = `Basic ${Buffer.from(`${a.user}:${a.password}`).toString('base64')}`;
    return h;
  }

  /** One attempt: the value, null for an allowed 404, or the Failure to act on. */
  private async attempt<T>(
    url: string,
    opts: RequestOptions & Partial<Missing>,
    read: (res: Response, idle: (res: Response) => Response) => Promise<T>,
    streaming: boolean,
  ): Promise<{ value: T | null } | Failure> {
    const { timeoutMs } = this.policy;
    const timer = new AbortController();
    let handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = this.deps.signal ? AbortSignal.any([timer.signal, this.deps.signal]) : timer.signal;
    const timedOut = (err: unknown, during: string): Failure => {
      if (this.deps.signal?.aborted) throw this.deps.signal.reason ?? err; // the run was stopped: no retry
      if (timer.signal.aborted) return new Failure('source_unreachable', `no answer within ${timeoutMs} ms${during}`, true, err);
      return new Failure('source_unreachable', `${during ? 'body cut short: ' : ''}${reasonOf(err)}`, true, err);
    };
    let kept = false;
    try {
      let res: Response;
      try {
        res = await this.deps.fetch(url, { method: opts.method ?? 'GET', headers: this.headers(opts), body: opts.body, signal });
      } catch (err) {
        return timedOut(err, '');
      }
      if (res.status === 404 && opts.missingOk) {
        await res.body?.cancel().catch(() => undefined);
        return { value: null };
      }
      if (!res.ok) return await this.statusFailure(res, opts);
      try {
        const idle = (r: Response): Response => {
          kept = true;
          return this.watchBody(url, r, timer, () => {
            clearTimeout(handle);
            handle = setTimeout(() => timer.abort(), timeoutMs);
          }, () => clearTimeout(handle));
        };
        return { value: await read(res, idle) };
      } catch (err) {
        if (err instanceof Failure) return err;
        if (err instanceof ShiplogError) throw err;
        return timedOut(err, streaming ? '' : ' (while reading the body)');
      }
    } finally {
      if (!kept) clearTimeout(handle);
    }
  }

  /** A non-2xx answer as a Failure: retried for 429 and 5xx (Retry-After read), final otherwise. */
  private async statusFailure(res: Response, opts: RequestOptions): Promise<Failure> {
    const status = `HTTP ${res.status}`;
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      const wait = parseRetryAfter(res.headers.get('retry-after'), this.deps.clock());
      return new Failure('source_unreachable', status, true, undefined, res.status, wait);
    }
    const body = await res.text().catch(() => '');
    if (res.status === 401 || res.status === 403) {
      const hint = this.policy.authHint ? `: ${this.policy.authHint}` : '';
      return new Failure('source_auth', `${status}${hint}`, false, undefined, res.status);
    }
    const detail = [opts.statusHint, oneLine(body)].filter(Boolean).join('; ');
    return new Failure('source_protocol', `${status}${detail ? `: ${detail}` : ''}`, false, undefined, res.status);
  }

  /** The body re-wrapped so each chunk restarts the timeout, and a failure names the URL. */
  private watchBody(url: string, res: Response, timer: AbortController, onChunk: () => void, onEnd: () => void): Response {
    if (!res.body) {
      onEnd();
      return res;
    }
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      pull: async (ctrl) => {
        try {
          const { done, value } = await reader.read();
          if (done) {
            onEnd();
            ctrl.close();
          } else {
            onChunk();
            ctrl.enqueue(value);
          }
        } catch (err) {
          onEnd();
          if (this.deps.signal?.aborted) return ctrl.error(this.deps.signal.reason ?? err);
          const why = timer.signal.aborted ? `no data for ${this.policy.timeoutMs} ms while reading the body` : `body cut short: ${reasonOf(err)}`;
          ctrl.error(new HttpError('source_unreachable', this.redact(`${url}: ${oneLine(why, 400)}`), { cause: err, status: res.status }));
        }
      },
      cancel: async (reason) => {
        onEnd();
        await reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }
}

/** A client for one source run: `createHttpClient({ fetch: ctx.fetch, clock: ctx.clock, … }, policy)`. */
export function createHttpClient(deps: HttpDeps, policy: HttpPolicy = {}): HttpClient {
  return new HttpClient(deps, policy);
}
