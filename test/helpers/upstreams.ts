// Fake Gerrit, Phabricator and Jenkins on 127.0.0.1 speaking the real formats (the
// recorded fixtures of each source), whose content a test changes while shiplog runs:
// add a change, a task or a build, or make one of them fail with HTTP 503.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startConduit } from '../../src/sources/phabricator/fixtures/conduit-server.ts';
import { conduitWorld, task, TASKS, T0 } from '../../src/sources/phabricator/fixtures/world.ts';
import { parseGerritJson } from '../../src/sources/gerrit/http.ts';

const fixture = (rel: string) => readFileSync(new URL(`../../src/sources/${rel}`, import.meta.url), 'utf8');
export const JOB = 'mediawiki-quibble-vendor-mysql-php81';

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => handler(new URL(req.url!, 'http://x'), req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export interface Upstreams {
  gerrit: { url: string; changes: Record<string, unknown>[]; addChange(number: number): void };
  phabricator: { url: string; addTask(id: number): void };
  jenkins: { url: string; finishRunningAndAdd(number: number): void };
  /** Sources that answer HTTP 503 to everything until healed. */
  failing: Set<'gerrit' | 'phabricator' | 'jenkins'>;
  /** Requests per source, to tell that shiplog came back by itself. */
  requests: Record<'gerrit' | 'phabricator' | 'jenkins', number>;
  close(): Promise<void>;
}

export async function startUpstreams(): Promise<Upstreams> {
  const failing = new Set<'gerrit' | 'phabricator' | 'jenkins'>();
  const requests = { gerrit: 0, phabricator: 0, jenkins: 0 };
  const unavailable = (res: ServerResponse) => res.writeHead(503, { 'retry-after': '0' }).end('<html>Service Unavailable</html>');

  // Gerrit REST: GET /r/changes/?q=…&n=&S= answered from the recorded page, `)]}'` kept
  const changes = parseGerritJson(fixture('gerrit/fixtures/wmf-rest-changes-q-bug-T181315.raw'), 'fixture') as Record<string, unknown>[];
  const gerrit = await listen((url, _req, res) => {
    requests.gerrit++;
    if (failing.has('gerrit')) return unavailable(res);
    if (url.pathname !== '/r/changes/') return void res.writeHead(404).end('Not found');
    const start = Number(url.searchParams.get('S') ?? 0);
    const n = Number(url.searchParams.get('n') ?? 100);
    const page = changes.slice(start, start + n).map((c) => ({ ...c }));
    if (start + n < changes.length) page[page.length - 1]._more_changes = true;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(`)]}'\n${JSON.stringify(page)}\n`);
  });

  // Phabricator Conduit: the sync tests' world, with tasks added on demand
  const tasks = [...TASKS];
  const world = conduitWorld(tasks);
  const conduit = await startConduit((req) => {
    requests.phabricator++;
    return failing.has('phabricator') ? { status: 503, body: '<html>Service Unavailable</html>' } : world(req);
  });

  // Jenkins JSON API: one job, builds newest first, {from,to} ranges; a running build stops the cursor
  const recorded = JSON.parse(fixture('jenkins/fixtures/job-builds.json')).allBuilds as Record<string, unknown>[];
  let builds: Record<string, unknown>[] = [];
  const jenkins = await listen((url, _req, res) => {
    requests.jenkins++;
    if (failing.has('jenkins')) return unavailable(res);
    if (url.pathname !== `/ci/job/${JOB}/api/json`) return void res.writeHead(404).end('Not Found');
    const [, from, to] = /\{(\d+),(\d+)\}$/.exec(url.searchParams.get('tree') ?? '') ?? [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ allBuilds: builds.slice(Number(from), Number(to)) }));
  });
  const jenkinsRoot = `${jenkins.base}/ci`;
  builds = recorded.map((b) => ({ ...b, url: String(b.url).replace('https://integration.wikimedia.org/ci', jenkinsRoot) }));

  return {
    gerrit: {
      url: `${gerrit.base}/r`,
      changes,
      addChange(number) {
        const base = changes[0];
        const changeId = `I${String(number).padStart(40, '0')}`;
        changes.unshift({
          ...base, id: `operations%2Fpuppet~production~${changeId}`, change_id: changeId, _number: number,
          subject: `Change ${number}`, status: 'NEW', created: '2026-03-02 11:00:00.000000000', updated: '2026-03-02 11:00:00.000000000',
        });
      },
    },
    phabricator: { url: conduit.url, addTask: (id) => void tasks.push(task(id, { modified: T0 + 400 * 86_400, title: `Task ${id}` })) },
    jenkins: {
      url: jenkinsRoot,
      finishRunningAndAdd(number) {
        builds = builds.map((b) => (b.building ? { ...b, building: false, result: 'SUCCESS', duration: 600_000 } : b));
        const newest = builds[0];
        builds.unshift({ ...newest, number, building: false, result: 'SUCCESS', url: String(newest.url).replace(/\/\d+\/$/, `/${number}/`), timestamp: Number(newest.timestamp) + 3_600_000 });
      },
    },
    failing,
    requests,
    async close() {
      await Promise.all([gerrit.close(), conduit.close(), jenkins.close()]);
    },
  };
}
