// The jenkins collector against a local Jenkins (node:http) serving real-format responses:
// {from,to} paging, a running build that stops the cursor, testReport, archived JUnit
// artifacts, 429 with Retry-After, 5xx retried, discarded builds noted as rejects, 401.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { jenkinsSource } from './index.ts';
import type { JenkinsConfig } from './config.ts';

const fx = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const JOB = 'mediawiki-quibble-vendor-mysql-php81';
const clock = () => new Date('2025-01-20T00:00:00Z');

interface Fake {
  builds: Record<string, unknown>[];
  requests: string[];
  failures: Map<string, number[]>; // path prefix → statuses to answer first
  auth?: string;
}

function serve(fake: Fake): Promise<{ server: Server; root: string }> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://x');
    fake.requests.push(`${url.pathname}${url.search}`);
    if (fake.auth && req.headers.authorization !== fake.auth) return void res.writeHead(401).end('no');
    for (const [prefix, statuses] of fake.failures) {
      if (url.pathname.startsWith(prefix) && statuses.length > 0) {
        const status = statuses.shift()!;
        return void res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {}).end('busy');
      }
    }
    const path = url.pathname.replace(/^\/ci\//, '');
    if (path === `job/${JOB}/api/json`) {
      const [, from, to] = /\{(\d+),(\d+)\}$/.exec(url.searchParams.get('tree') ?? '') ?? [];
      return void res.writeHead(200).end(JSON.stringify({ allBuilds: fake.builds.slice(Number(from), Number(to)) }));
    }
    if (path === `job/${JOB}/11/testReport/api/json`) return void res.writeHead(200).end(fx('./fixtures/testReport.json'));
    if (path === `job/${JOB}/10/artifact/log/junit-dbless.xml`) return void res.writeHead(200).end(fx('../junit/fixtures/phpunit-mediawiki.xml'));
    if (path === `job/${JOB}/10/artifact/log/WDIO.xunit-2018-04-17T11-10-10-a1b2c3d4.xml`) {
      return void res.writeHead(200).end(fx('../junit/fixtures/WDIO.xunit-2018-04-17T11-10-10-a1b2c3d4.xml'));
    }
    if (path === `job/${JOB}/10/artifact/log/junit-broken.xml`) return void res.writeHead(200).end('<testsuites><testsuite name="x"><testcase name="cut');
    res.writeHead(404).end('Not Found');
  };
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ci` });
  }));
}

/** The fixture builds with their URLs pointing at the local server. */
function localBuilds(root: string): Record<string, unknown>[] {
  return (JSON.parse(fx('./fixtures/job-builds.json')).allBuilds as { url: string }[])
    .map((b) => ({ ...b, url: b.url.replace('https://integration.wikimedia.org/ci', root) }));
}

let server: Server | undefined;
afterEach(() => server?.close());

async function sync(store: Store, config: JenkinsConfig) {
  return runSource({ store, log: silentLogger(), clock, fetch: globalThis.fetch }, { source: jenkinsSource, config, paths: [], options: {} });
}

const config = (root: string, extra: Partial<JenkinsConfig> = {}): JenkinsConfig => jenkinsSource.configSchema.parse({
  url: root, jobs: [JOB], page_size: 2, retry_base_ms: 1, retry_max_ms: 5, ...extra,
});

describe('jenkins collector over HTTP', () => {
  it('pages builds, stops at a running build, reads reports and artifacts, retries, notes discarded builds', async () => {
    const fake: Fake = { builds: [], requests: [], failures: new Map([[`/ci/job/${JOB}/api/json`, [429, 503]], [`/ci/job/${JOB}/10/artifact/log/WDIO`, [500]]]) };
    const s = await serve(fake);
    server = s.server;
    fake.builds = localBuilds(s.root);
    const store = await openStore(':memory:');
    const summary = await sync(store, config(s.root));
    expect(summary.errors).toEqual([]);
    const builds = await store.all<Record<string, unknown>>('SELECT build_number, result, pipeline, repo, change_key, patchset, node, duration_s, job FROM ci_builds ORDER BY build_number');
    expect(builds).toEqual([
      { build_number: 9, result: 'aborted', pipeline: null, repo: null, change_key: null, patchset: null, node: null, duration_s: 60, job: JOB },
      { build_number: 10, result: 'failure', pipeline: 'test', repo: 'mediawiki/core', change_key: 'change:gerrit.wikimedia.org:1012345', patchset: 1, node: 'integration-agent-docker-1039', duration_s: 600, job: JOB },
      { build_number: 11, result: 'unstable', pipeline: 'test', repo: 'mediawiki/core', change_key: 'change:gerrit.wikimedia.org:1012345', patchset: 2, node: 'integration-agent-docker-1040', duration_s: 1234.567, job: JOB },
    ]);
    const tests = await store.all<{ n: number; build_number: number; repo: string }>(
      'SELECT b.build_number, t.repo, count(*) AS n FROM test_results t JOIN ci_builds b USING (build_key) GROUP BY ALL ORDER BY 1');
    expect(tests).toEqual([{ build_number: 10, repo: 'mediawiki/core', n: 7 + 3 }, { build_number: 11, repo: 'mediawiki/core', n: 12 }]);
    const [state] = await store.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'jenkins'");
    expect(JSON.parse(state.cursor)).toEqual({ [JOB]: 11 });
    const rejects = await store.all<{ reason: string; location: string }>('SELECT reason, location FROM rejects ORDER BY location');
    expect(rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^malformed or refused JUnit XML .*not closed/),
      expect.stringMatching(/artifact not found \(404\): the build was discarded/),
    ]);
    expect(rejects[1].location).toMatch(/\/9\/artifact\/log\/junit-db\.xml$/);
    const links = await store.all<{ dst_key: string }>("SELECT dst_key FROM links WHERE rule = 'jenkins-zuul-params' ORDER BY 1");
    expect(links.map((l) => l.dst_key)).toEqual([
      'change:gerrit.wikimedia.org:1012345', 'change:gerrit.wikimedia.org:1012345', // from builds 10 and 11
      'change:gerrit.wikimedia.org:1012345/1', 'change:gerrit.wikimedia.org:1012345/2',
    ]);
    // retried: 429 and 503 on the first page, 500 on an artifact
    expect(fake.requests.filter((r) => r.includes('{0,2}'))).toHaveLength(3);

    // nothing new: one request for the scope
    fake.requests.length = 0;
    await sync(store, config(s.root));
    expect(fake.requests).toHaveLength(1);

    // later: 12 and 13 were discarded before they were read, 14 and 15 are new
    const template = fake.builds[1] as { url: string };
    fake.builds = [15, 14].map((n) => ({ ...template, number: n, url: template.url.replace('/11/', `/${n}/`), building: false, result: 'SUCCESS' }));
    const later = await sync(store, config(s.root));
    expect(later.errors).toEqual([]);
    const notes = await store.all<{ reason: string }>("SELECT reason FROM rejects WHERE reason LIKE 'builds %'");
    expect(notes).toEqual([{ reason: 'builds 12–13 were discarded by Jenkins before they were read; noted, not an error' }]);
    const [after] = await store.all<{ cursor: string }>("SELECT cursor FROM sync_state WHERE source = 'jenkins'");
    expect(JSON.parse(after.cursor)).toEqual({ [JOB]: 15 });
    await store.close();
  });

  it('fails the scope with source_auth on 401 and source_unreachable after the retries', async () => {
    const fake: Fake = { builds: [], requests: [], failures: new Map(), auth: `Basic ${Buffer.from('bot:secret').toString('base64')}` };
    const s = await serve(fake);
    server = s.server;
    const store = await openStore(':memory:');
    const denied = await sync(store, config(s.root, { user: 'bot', token: 'wrong' }));
    expect(denied.errors[0]).toMatch(/job\/mediawiki-quibble-vendor-mysql-php81\/api\/json\?tree=.*: HTTP 401: check sources\.jenkins\.user and token$/);
    expect(denied.errorCodes[0]).toBe('source_auth');
    fake.failures.set('/ci/', [502, 502, 502, 502, 502]);
    const down = await sync(store, config(s.root, { user: 'bot', token: 'secret', retries: 2 }));
    expect(down.errors[0]).toMatch(/: HTTP 502 \(after 3 attempts\)$/);
    expect(down.errorCodes[0]).toBe('source_unreachable');
    fake.failures.clear();
    const ok = await sync(store, config(s.root, { user: 'bot', token: 'secret' }));
    expect(ok.errors).toEqual([]);
    await store.close();
  });
});
