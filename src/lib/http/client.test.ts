// The shared HTTP client against an injected fetch (and, where the transport matters, a
// local node:http server): what is retried, how long it waits, when it stops, and what the
// one-line error says. Sleep and jitter are injected, so no test waits for a backoff.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ShiplogError } from '../errors.ts';
import { AnswerToRetry, backoffMs, createHttpClient, HttpError, type HttpPolicy } from './client.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const URL_ = 'https://example.org/api/items?n=5';

type Answer = Response | Error | ((init: RequestInit) => Promise<Response>);

/** A fetch that gives the answers in order and records each request. */
function scripted(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift();
    if (a === undefined) throw new Error('no more answers scripted');
    if (a instanceof Error) throw a;
    return typeof a === 'function' ? a(init) : a;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function client(fetch: typeof globalThis.fetch, policy: HttpPolicy = {}, extra: { signal?: AbortSignal } = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient(
    { fetch, clock: () => NOW, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra },
    { retryBaseMs: 100, retryMaxMs: 10_000, retries: 3, ...policy },
  );
  return { http, sleeps };
}

const ok = (body: string, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers });
const status = (code: number, headers: Record<string, string> = {}) => new Response(`status ${code}`, { status: code, headers });
/** A fetch answer that only ends when its signal aborts (a server that never answers). */
const hang = (init: RequestInit) => new Promise<Response>((_res, rej) => {
  if (init.signal!.aborted) return rej(init.signal!.reason);
  init.signal!.addEventListener('abort', () => rej(init.signal!.reason));
});
const netError = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });

describe('HttpClient retries', () => {
  it('retries a 500 with jittered exponential backoff, then returns the body', async () => {
    const { fetch, calls } = scripted(status(500), status(502), ok('fine'));
    const { http, sleeps } = client(fetch);
    expect(await http.text(URL_)).toBe('fine');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([75, 150]); // 100·2^n at 75 % (random 0.5)
  });

  it('waits what a 429 Retry-After says in seconds, without jitter', async () => {
    const { fetch } = scripted(status(429, { 'retry-after': '7' }), ok('{"a":1}'));
    const { http, sleeps } = client(fetch);
    expect(await http.json(URL_)).toEqual({ a: 1 });
    expect(sleeps).toEqual([7000]);
  });

  it('waits until a Retry-After HTTP-date, read against the injected clock', async () => {
    const { fetch } = scripted(status(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:09 GMT' }), status(503, { 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }), ok('x'));
    const { http, sleeps } = client(fetch);
    expect(await http.text(URL_)).toBe('x');
    expect(sleeps).toEqual([9000, 0]);
  });

  it('fails at once when Retry-After is beyond the cap, instead of asking again early', async () => {
    const { fetch, calls } = scripted(status(429, { 'retry-after': '3600' }), ok('never read'));
    const { http, sleeps } = client(fetch, { retryMaxMs: 60_000 });
    const err = await http.text(URL_).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ code: 'source_unreachable', status: 429, message: `${URL_}: HTTP 429, Retry-After asks to wait 3600 s, beyond the 60 s limit` });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('falls back to backoff when Retry-After is unreadable', async () => {
    const { fetch } = scripted(status(503, { 'retry-after': 'later' }), ok('x'));
    const { http, sleeps } = client(fetch);
    await http.text(URL_);
    expect(sleeps).toEqual([75]);
  });

  it('retries a network error and names its cause', async () => {
    const { fetch, calls } = scripted(netError(), netError(), netError(), netError());
    const { http } = client(fetch);
    await expect(http.text(URL_)).rejects.toMatchObject({
      code: 'source_unreachable',
      message: `${URL_}: fetch failed: connect ECONNREFUSED 10.0.0.1:443 (after 4 attempts)`,
    });
    expect(calls).toHaveLength(4);
  });

  it('times out an attempt that gets no answer, and retries it', async () => {
    const { fetch, calls } = scripted(hang, ok('late but here'));
    const { http } = client(fetch, { timeoutMs: 20 });
    expect(await http.text(URL_)).toBe('late but here');
    expect(calls).toHaveLength(2);
    const again = scripted(hang, hang);
    await expect(client(again.fetch, { timeoutMs: 20, retries: 1 }).http.text(URL_)).rejects.toThrow(`${URL_}: no answer within 20 ms (after 2 attempts)`);
  });

  it('retries invalid JSON (a body cut short looks the same), then reports source_protocol', async () => {
    const { fetch, calls } = scripted(ok('[{"_number": 1'), ok('<html>proxy error</html>'), ok('[]'));
    const { http } = client(fetch);
    expect(await http.json(URL_)).toEqual([]);
    expect(calls).toHaveLength(3);
    const bad = scripted(ok('<html>proxy error</html>'), ok('<html>proxy error</html>'));
    await expect(client(bad.fetch, { retries: 1 }).http.json(URL_)).rejects.toMatchObject({
      code: 'source_protocol',
      message: expect.stringMatching(/^https:\/\/example\.org\/api\/items\?n=5: response is not valid JSON \(.*; 24 bytes: "<html>proxy error<\/html>"\) \(after 2 attempts\)$/),
    });
  });

  it('does not retry 401 or 403: source_auth with the hint', async () => {
    for (const code of [401, 403]) {
      const { fetch, calls } = scripted(status(code), ok('never'));
      const { http, sleeps } = client(fetch, { authHint: 'check sources.x.token' });
      await expect(http.text(URL_)).rejects.toMatchObject({ code: 'source_auth', status: code, message: `${URL_}: HTTP ${code}: check sources.x.token` });
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('stops at the retry limit with one line naming the URL, credentials redacted', async () => {
    const url = 'https://bot:hunter22@example.org/api?token=abc123&n=1';
    const { fetch, calls } = scripted(...Array.from({ length: 6 }, () => status(503)));
    const { http, sleeps } = client(fetch, { retries: 2, auth: { user: 'bot', password: 'hunter22' } });
    const err = (await http.text(url).catch((e: unknown) => e)) as Error;
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([75, 150]);
    expect(err.message).toBe('https://***@example.org/api?token=***&n=1: HTTP 503 (after 3 attempts)');
    expect(err.message).not.toMatch(/hunter22|abc123|\n/);
  });

  it('caps the backoff and keeps the jitter within 50–100 % of it', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, 1000, 10_000, () => 0.999999))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect([0, 4].map((n) => backoffMs(n, 1000, 10_000, () => 0))).toEqual([500, 5000]);
  });
});

describe('HttpClient answers', () => {
  it('sends basic auth, a user-agent and its headers; scrubs secrets echoed in a body', async () => {
    const { fetch, calls } = scripted(new Response('bad request for token api-s3cret', { status: 400 }));
    const { http } = client(fetch, { auth: { user: 'u', password: 'pw!x' }, secrets: ['api-s3cret'], headers: { 'x-a': '1' } });
    await expect(http.text(URL_, { method: 'POST', body: 'api.token=api-s3cret', statusHint: 'check sources.x.url' })).rejects.toMatchObject({
      code: 'source_protocol', message: `${URL_}: HTTP 400: check sources.x.url; bad request for token ***`,
    });
    const h = calls[0].init.headers as Record<string, string>;
    expect(h.authorization).toBe(`Basic ${Buffer.from('u:pw!x').toString('base64')}`);
    expect(h['user-agent']).toMatch(/^shiplog/);
    expect(h['x-a']).toBe('1');
    expect(calls[0].init.method).toBe('POST');
  });

  it('gives null for a 404 when the caller allows it, source_protocol otherwise', async () => {
    const { fetch } = scripted(status(404), status(404));
    const { http } = client(fetch);
    expect(await http.json(URL_, { missingOk: true })).toBeNull();
    await expect(http.json(URL_)).rejects.toMatchObject({ code: 'source_protocol', status: 404 });
  });

  it('runs decode before parsing and check after: retry, fail at once, or accept', async () => {
    const decode = (t: string) => t.replace(/^\)\]\}'\n/, '');
    const check = (v: unknown) => {
      const e = v as { error_code?: string };
      if (e.error_code === 'ERR-BUSY') throw new AnswerToRetry('ERR-BUSY: lock wait timeout');
      if (e.error_code) throw new ShiplogError('source_auth', `${e.error_code}: bad token`);
    };
    const { fetch, calls } = scripted(ok('{"error_code":"ERR-BUSY"}'), ok(")]}'\n{\"result\":1}"));
    const { http } = client(fetch);
    expect(await http.json(URL_, { decode, check })).toEqual({ result: 1 });
    expect(calls).toHaveLength(2);
    const auth = scripted(ok('{"error_code":"ERR-INVALID-AUTH"}'));
    await expect(client(auth.fetch).http.json(URL_, { check })).rejects.toMatchObject({ code: 'source_auth', message: `${URL_}: ERR-INVALID-AUTH: bad token` });
    const busy = scripted(...Array.from({ length: 2 }, () => ok('{"error_code":"ERR-BUSY"}')));
    await expect(client(busy.fetch, { retries: 1 }).http.json(URL_, { check })).rejects.toMatchObject({
      code: 'source_protocol', message: `${URL_}: ERR-BUSY: lock wait timeout (after 2 attempts)`,
    });
  });

  it('stops without retrying when the run is aborted', async () => {
    const run = new AbortController();
    const { fetch, calls } = scripted((init) => {
      run.abort(new Error('sync cancelled'));
      return hang(init);
    }, ok('never'));
    const { http, sleeps } = client(fetch, {}, { signal: run.signal });
    await expect(http.text(URL_)).rejects.toThrow('sync cancelled');
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('HttpClient over a real connection', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());
  async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<string> {
    let n = 0;
    const server = createServer((req, res) => handler(req, res, ++n));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => (server.closeAllConnections(), server.close());
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/doc`;
  }

  it('retries a body cut short (Content-Length not reached), then reads the whole one', async () => {
    const url = await serve((_req, res, n) => {
      res.writeHead(200, { 'content-length': '100' });
      if (n === 1) res.write('{"partial":'), setTimeout(() => res.destroy(), 5);
      else res.end(JSON.stringify({ whole: true }).padEnd(100, ' '));
    });
    const { http, sleeps } = client(globalThis.fetch);
    expect(JSON.parse(await http.text(url))).toEqual({ whole: true }); // text(): the cut is seen by the transport, not by a parser
    expect(sleeps).toHaveLength(1);
    close?.();
    const cut = await serve((_req, res) => (res.writeHead(200, { 'content-length': '100' }), res.write('{"partial":'), setTimeout(() => res.destroy(), 5)));
    await expect(client(globalThis.fetch, { retries: 1 }).http.text(cut)).rejects.toMatchObject({
      code: 'source_unreachable', message: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/doc: body cut short: .+ \(after 2 attempts\)$/),
    });
  });

  it('streams a body, restarting the timeout per chunk, and names the URL when it stalls', async () => {
    const url = await serve((req, res) => {
      res.writeHead(200);
      const chunks = ['<a>', '<b/>', '</a>'];
      const ends = req.url === '/doc?ends';
      const tick = setInterval(() => (chunks.length ? res.write(chunks.shift()) : ends ? res.end() : clearInterval(tick)), 60);
    });
    const { http } = client(globalThis.fetch, { timeoutMs: 150 });
    await http.stream(`${url}?ends`, {}).then((r) => r.text()).catch(() => undefined); // warm the connection pool: the first fetch is slow to start
    expect(await (await http.stream(`${url}?ends`)).text()).toBe('<a><b/></a>'); // 240 ms in all, never 150 ms idle
    const stalled = await http.stream(`${url}?stalls`);
    await expect(stalled.text()).rejects.toThrow(`${url}?stalls: no data for 150 ms while reading the body`);
  });
});
