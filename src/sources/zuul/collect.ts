// Zuul status.json snapshots: from files (`shiplog import zuul <file…>`, snapshot time = the
// file's modification time, or --option at=<ISO>) or by polling sources.zuul.url through the
// shared HTTP client. Each snapshot is one raw item, unchanged; its time travels as the
// item's fetchedAt. I/O only.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import { HttpError, realSleep } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { Batch, CollectContext } from '../types.ts';
import type { ZuulConfig } from './config.ts';

export const DEFAULT_ZUUL_HOST = 'integration.wikimedia.org';

/** The snapshot key: `<host>|<ISO time>`; normalize reads the host back from it. */
export function snapshotKey(host: string, at: Date): string {
  return `${host}|${at.toISOString()}`;
}

async function* fromFiles(ctx: CollectContext<ZuulConfig>): AsyncGenerator<Batch> {
  const host = (ctx.options.name as string | undefined) ?? DEFAULT_ZUUL_HOST;
  for (const p of ctx.paths.map((x) => resolve(x))) {
    let payload: string;
    let at: Date;
    try {
      payload = await readFile(p, 'utf8');
      at = ctx.options.at ? new Date(String(ctx.options.at)) : (await stat(p)).mtime;
    } catch (err) {
      yield { items: [], rejects: [{ kind: 'status', location: p, reason: `cannot read: ${(err as Error).message}` }] };
      continue;
    }
    if (Number.isNaN(at.getTime())) throw new ShiplogError('bad_request', `import zuul: --option at=${String(ctx.options.at)} is not a time`);
    yield { items: [{ kind: 'status', key: snapshotKey(host, at), url: p, payload, fetchedAt: at }] };
  }
}

async function* poll(ctx: CollectContext<ZuulConfig>): AsyncGenerator<Batch> {
  const cfg = ctx.config!;
  const host = new URL(cfg.url).host;
  const http = httpClientFor(ctx);
  const sleep = ctx.sleep ?? realSleep;
  for (let i = 0; i < cfg.polls; i++) {
    if (i > 0) await sleep(cfg.interval_s * 1000, ctx.signal);
    if (ctx.signal?.aborted) return;
    let payload: string;
    try {
      payload = await http.text(cfg.url, { headers: { accept: 'application/json' } });
    } catch (err) {
      // an answer that stayed an HTTP error after the retries is a missed snapshot; no answer at all fails the run
      if (!(err instanceof HttpError) || err.status === undefined) throw err;
      yield { items: [], rejects: [{ kind: 'status', location: cfg.url, reason: `HTTP ${err.status} at ${ctx.clock().toISOString()}: snapshot missed` }] };
      continue;
    }
    const at = ctx.clock();
    yield { items: [{ kind: 'status', key: snapshotKey(host, at), url: cfg.url, payload, fetchedAt: at }], cursor: at.toISOString() };
  }
}

export function collectZuul(ctx: CollectContext<ZuulConfig>): AsyncGenerator<Batch> {
  return ctx.paths.length > 0 ? fromFiles(ctx) : poll(ctx);
}
