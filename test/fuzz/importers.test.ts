// Fuzz every importer with hostile variants of its real inputs (random truncation, NUL bytes,
// invalid UTF-8, wrong JSON types, deep nesting, flipped bytes; seeded, so reproducible):
// an import never throws and never fails on a programming error (TypeError, RangeError…) —
// bad input ends as rejects, or as one-line errors of the import's own kind (ShiplogError).
// File importers run through the pipeline; the git-based ones (git, gerrit-notedb) and the
// REST one (gerrit) have their normalize fed mutated raw records, which is where their input
// is parsed. Every registered source, the new ones included, also has its normalize fed
// garbage raw records of every kind.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { findSource, SOURCES } from '../../src/sources/registry.ts';
import type { RawRecord, Source } from '../../src/sources/types.ts';
import { runSource } from '../../src/sync/pipeline.ts';
import { MUTATIONS, mutate } from './mutate.ts';

const SRC = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'src', 'sources');
const fixture = (rel: string) => readFileSync(join(SRC, rel));
const PER_MUTATION = 2; // seeds per mutation kind and input: 12 variants per input

let root: string;
let store: Store;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shiplog-fuzz-'));
  store = await openStore(':memory:');
});
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

/** A logger that keeps what the pipeline logs as errors (with the error's type). */
function capture(): { log: pino.Logger; errors: { type?: string; msg?: string; err?: { type?: string; message?: string } }[] } {
  const errors: { err?: { type?: string; message?: string } }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) errors.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'error' }, stream), errors };
}

const PROGRAMMING = /^(TypeError|RangeError|ReferenceError|SyntaxError|Error)$/;

async function importOnce(source: Source, paths: string[], what: string): Promise<void> {
  const { log, errors } = capture();
  let summary;
  try {
    summary = await runSource({ store, log, clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch }, { source, config: undefined, paths, options: {} });
  } catch (err) {
    throw new Error(`${what}: the import threw ${(err as Error).name}: ${(err as Error).message}`);
  }
  for (const e of summary.errors) expect(e.includes('\n'), `${what}: a multi-line error: ${e}`).toBe(false);
  await new Promise((r) => setImmediate(r)); // let the log stream flush
  for (const e of errors) {
    const type = e.err?.type ?? '';
    expect(PROGRAMMING.test(type), `${what}: ${type}: ${e.err?.message}`).toBe(false);
  }
}

interface FileCase { source: string; inputs: { name: string; bytes: Buffer }[]; layout?: (dir: string, files: Map<string, Buffer>) => string[] }

const jenkinsJob = 'mediawiki-quibble-vendor-mysql-php81';
const FILE_CASES: FileCase[] = [
  { source: 'sal', inputs: ['sal-docs.ndjson', 'sal-docs-array.json', 'sal-production.atom', 'sal-production.html', 'Server_Admin_Log-Archive.wiki', 'sal-search-response.json'].map((n) => ({ name: n, bytes: fixture(`sal/fixtures/${n}`) })) },
  { source: 'junit', inputs: ['phpunit-mediawiki.xml', 'karma-qunit.xml', 'WDIO.xunit-2018-04-17T11-10-10-a1b2c3d4.xml'].map((n) => ({ name: n, bytes: fixture(`junit/fixtures/${n}`) })) },
  { source: 'zuul', inputs: [{ name: 'status.json', bytes: fixture('zuul/fixtures/status-2.5.1.json') }] },
  { source: 'calendar', inputs: ['deployments-week.html', 'deployments-week.wikitext', 'schedule-small.yaml'].map((n) => ({ name: n, bytes: fixture(`calendar/fixtures/${n}`) })) },
  { source: 'incidents', inputs: ['Incident_documentation-20180312-Cache-text.wikitext', 'Incidents-2024-12-04_Echo_fatals.wikitext'].map((n) => ({ name: n, bytes: fixture(`incidents/fixtures/${n}`) })) },
  {
    source: 'workflow',
    inputs: [{
      name: 'events.jsonl',
      bytes: Buffer.from([
        { type: 'window-open', window_id: 'w1', name: 'Backport window', opened_at: '2026-01-01T10:00:00Z', deployer: 'd', host: 'h' },
        { type: 'deploy-start', deploy_id: 'd1', window_id: 'w1', forced: false, kind: 'backport', command: ['scap', 'backport', '1'], message: null, changes: [1], tasks: ['T1'], started_at: '2026-01-01T10:01:00Z', deployer: 'd', host: 'h' },
      ].map((e) => JSON.stringify(e)).concat(['null', '5', '"x"', '[]']).join('\n')),
    }],
  },
  {
    source: 'phabricator',
    inputs: ['maniphest.search.1.json', 'transaction.search.T69.json', 'user.query.json'].map((n) => ({ name: n, bytes: fixture(`phabricator/fixtures/recorded/${n}`) })),
    layout: (dir, files) => {
      for (const [n, b] of files) writeFileSync(join(dir, n), b);
      return [dir];
    },
  },
  {
    source: 'jenkins',
    inputs: [
      { name: 'api.json', bytes: Buffer.from(JSON.stringify({ jobs: [{ name: jenkinsJob }] })) },
      { name: `job/${jenkinsJob}/api.json`, bytes: fixture('jenkins/fixtures/job-builds.json') },
      { name: `job/${jenkinsJob}/12/testReport/api.json`, bytes: fixture('jenkins/fixtures/testReport.json') },
    ],
    layout: (dir, files) => {
      for (const [n, b] of files) {
        mkdirSync(dirname(join(dir, n)), { recursive: true });
        writeFileSync(join(dir, n), b);
      }
      return [dir];
    },
  },
];

describe('importers never crash on hostile input', () => {
  for (const c of FILE_CASES) {
    it(`${c.source}: ${c.inputs.length} input(s) × ${MUTATIONS.length * PER_MUTATION} variants`, async () => {
      const source = findSource(c.source)!;
      let n = 0;
      for (const input of c.inputs) {
        for (const how of MUTATIONS) {
          for (let seed = 1; seed <= PER_MUTATION; seed++) {
            const dir = join(root, `${c.source}-${n++}`);
            mkdirSync(dir, { recursive: true });
            const bad = mutate(input.bytes, how, seed);
            let paths: string[];
            if (c.layout) {
              const files = new Map(c.inputs.map((i) => [i.name, i === input ? bad : i.bytes]));
              paths = c.layout(dir, files);
            } else {
              writeFileSync(join(dir, input.name), bad);
              paths = [join(dir, input.name)];
            }
            await importOnce(source, paths, `${c.source} ${input.name} ${how} seed ${seed}`);
          }
        }
      }
    });
  }
});

/** Raw records as each of these sources stores them, from their real fixtures. */
function rawSeeds(): { source: string; records: RawRecord[] }[] {
  const rec = (source: string, kind: string, key: string, payload: string): RawRecord => ({
    rawId: `${source}:${kind}:${key}#x`, source, scope: 's', kind, key, url: 'fixture', payload, contentHash: 'x', fetchedAt: new Date(0),
  });
  const gerritBody = fixture('gerrit/fixtures/change-520673.rest.json').toString('utf8');
  const changes = JSON.parse(gerritBody.slice(gerritBody.indexOf('\n') + 1)) as { _number: number }[];
  const meta = (n: string) => fixture(`gerrit-notedb/fixtures/change-${n}.meta.log`).toString('utf8');
  const notedb = (number: number, text: string) => JSON.stringify({ project: 'operations/mediawiki-config', host: 'gerrit.wikimedia.org', number, refs: {}, meta: text, commit: null });
  const commit = 'commit 1111111111111111111111111111111111111111\ntree 06766449c92080a0429db5ee5d95e401b395604f\nauthor A <a@example.org> 1562217079 +0000\ncommitter A <a@example.org> 1562217079 +0000\n\n    db-eqiad.php: Depool db1101\n\n    Bug: T227166\n    Change-Id: I29163970edcbcf0ee9d0a6c524b4264dd6813e5f\n';
  return [
    { source: 'gerrit', records: changes.map((c) => rec('gerrit', 'change', String(c._number), JSON.stringify(c))) },
    { source: 'gerrit-notedb', records: [rec('gerrit-notedb', 'change-meta', '392184', notedb(392184, meta('392184'))), rec('gerrit-notedb', 'change-meta', '520673', notedb(520673, meta('520673')))] },
    { source: 'git', records: [rec('git', 'commit', '1111111111111111111111111111111111111111', `${commit}\nwmf-config/db-eqiad.php\n`)] },
  ];
}

describe('normalizers of the git and REST importers never crash on hostile raw records', () => {
  for (const { source: name, records } of rawSeeds()) {
    it(name, () => {
      const source = findSource(name)!;
      for (const r of records) {
        for (const how of MUTATIONS) {
          for (let seed = 1; seed <= PER_MUTATION; seed++) {
            const payload = mutate(Buffer.from(r.payload), how, seed).toString('utf8');
            let out;
            try {
              out = source.normalize([{ ...r, payload }], { source: name, scope: 's' });
            } catch (err) {
              throw new Error(`${name} ${how} seed ${seed}: normalize threw ${(err as Error).name}: ${(err as Error).message}`);
            }
            for (const j of out.rejects) expect(j.reason.includes('\n'), `${name} ${how} ${seed}: ${j.reason}`).toBe(false);
          }
        }
      }
    });
  }
});

/** Raw-record kinds the sources store (from their collect code), plus one nobody stores. */
const KINDS = ['commit', 'repo', 'standards', 'layout-diff', 'change', 'change-meta', 'task', 'transaction', 'subtasks', 'project', 'user',
  'build', 'report-suite', 'cases', 'file', 'status', 'es-doc', 'html-row', 'atom-entry', 'wiki-line', 'page', 'report', 'window-open', 'deploy-start', 'no-such-kind'];
const GARBAGE = ['', 'null', '5', '"x"', '[]', '{}', '{"a":null}', '[[[[[[[[]]]]]]]]', '\u0000\u0000', '{"sha":5,"files":"nope","diff":null}', 'not json at all\n\n', `${'['.repeat(5000)}${']'.repeat(5000)}`];

describe('every normalizer survives garbage raw records of every kind', () => {
  it(`${SOURCES.length} sources × ${KINDS.length} kinds × ${GARBAGE.length} payloads`, () => {
    const threw = new Set<string>();
    for (const source of SOURCES) {
      for (const kind of KINDS) {
        for (const [i, payload] of GARBAGE.entries()) {
          const r: RawRecord = { rawId: `${source.name}:${kind}:k#x`, source: source.name, scope: 's', kind, key: 'k', url: null, payload, contentHash: 'x', fetchedAt: new Date(0) };
          try {
            source.normalize([r], { source: source.name, scope: 's' });
          } catch (err) {
            threw.add(`${source.name} ${kind} (garbage ${i}): ${(err as Error).name}: ${(err as Error).message.split('\n')[0]}`);
          }
        }
      }
    }
    expect([...threw]).toEqual([]);
  });
});
