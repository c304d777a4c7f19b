// Zuul status.json snapshots → zuul_queue_items, from files and by polling a local server.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { zuulSource } from './index.ts';

const sample = new URL('./fixtures/status-2.5.1.json', import.meta.url).pathname;
const deps = (store: Awaited<ReturnType<typeof openStore>>, clock = () => new Date('2017-06-22T08:40:00Z')) =>
  ({ store, log: silentLogger(), clock, fetch: globalThis.fetch });

describe('zuul source', () => {
  it('imports a status.json snapshot: items, queue wait from the first job start', async () => {
    const store = await openStore(':memory:');
    const s = await runSource(deps(store), { source: zuulSource, config: undefined, paths: [sample], options: { at: '2017-06-22T08:50:00Z', name: 'softwarefactory-project.io' } });
    expect(s.errors).toEqual([]);
    const rows = await store.all('SELECT pipeline, queue, item_id, project, change_key, patchset, enqueued_at, first_start_at, wait_s, jobs_total, jobs_started, jobs_done, live, last_seen_at FROM zuul_queue_items ORDER BY item_id');
    expect(rows).toEqual([
      {
        pipeline: 'check', queue: 'software-factory/sf-config', item_id: '8491,22', project: 'software-factory/sf-config',
        change_key: 'change:gerrit.wikimedia.org:8491', patchset: 22, enqueued_at: new Date(1498120550403), first_start_at: null,
        wait_s: null, jobs_total: 0, jobs_started: 0, jobs_done: 0, live: false, last_seen_at: new Date('2017-06-22T08:50:00Z'),
      },
      {
        pipeline: 'check', queue: 'software-factory/sf-config', item_id: '8536,7', project: 'software-factory/sf-config',
        change_key: 'change:gerrit.wikimedia.org:8536', patchset: 7, enqueued_at: new Date(1498120550403),
        first_start_at: new Date(1498120640394.95), wait_s: expect.closeTo(89.992, 2), jobs_total: 2, jobs_started: 2, jobs_done: 1,
        live: true, last_seen_at: new Date('2017-06-22T08:50:00Z'),
      },
    ]);
    await store.close();
  });

  it('polls sources.zuul.url; a later snapshot replaces the item row; bad snapshots are rejects', async () => {
    const status = JSON.parse(readFileSync(sample, 'utf8'));
    const answers = [JSON.stringify(status), 'not json {', JSON.stringify({ zuul_version: '2.5.1' })];
    const server = createServer((_req, res) => res.writeHead(200).end(answers.shift() ?? '{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zuul/status.json`;
    const store = await openStore(':memory:');
    let t = Date.parse('2017-06-22T08:40:00Z');
    const s = await runSource(deps(store, () => new Date((t += 60_000))), { source: zuulSource, config: zuulSource.configSchema.parse({ url, polls: 3, interval_s: 0.01 }), paths: [], options: {} });
    server.close();
    expect(s.errors).toEqual([]);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM zuul_queue_items');
    expect(n).toBe(2);
    const rejects = await store.all<{ reason: string }>('SELECT reason FROM rejects ORDER BY reason');
    expect(rejects.map((r) => r.reason)).toEqual([
      'status.json has no "pipelines" array (not Zuul v2 status)',
      expect.stringMatching(/^status\.json is not JSON/),
    ]);
    await store.close();
  });
  it('retries a failing poll, and notes a snapshot missed when the answer stays an HTTP error', async () => {
    let n = 0;
    const server = createServer((_req, res) => (++n === 1 || n > 2 ? res.writeHead(503).end('busy') : res.writeHead(200).end('{}')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zuul/status.json`;
    const store = await openStore(':memory:');
    const waits: number[] = [];
    const s = await runSource({ ...deps(store), sleep: async (ms: number) => void waits.push(ms) }, { source: zuulSource, config: zuulSource.configSchema.parse({ url, polls: 2, interval_s: 5 }), paths: [], options: {} });
    server.close();
    expect(s.errors).toEqual([]);
    expect(n).toBe(2 + 5); // poll 1: a 503, then the snapshot; poll 2: five 503s
    expect(waits.filter((w) => w === 5000)).toHaveLength(1); // the interval between the polls
    const rejects = await store.all<{ reason: string }>("SELECT reason FROM rejects WHERE reason LIKE '%snapshot missed'");
    expect(rejects.map((r) => r.reason)).toEqual(['HTTP 503 at 2017-06-22T08:40:00.000Z: snapshot missed']);
    await store.close();
  });
});
