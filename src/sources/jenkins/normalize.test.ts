// Jenkins build and testReport JSON → rows, and the link rule that joins a Jenkins build to
// the Zuul row a Gerrit report made for the same job URL.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkStep } from '../../link/run.ts';
import { runDerive } from '../../derive/run.ts';
import { bumpTables } from '../../derive/versions.ts';
import { LINK_RULES } from '../../link/registry.ts';
import { openStore } from '../../store/index.ts';
import type { RawRecord } from '../types.ts';
import { jobOfUrl, normalizeJenkins } from './normalize.ts';

const fx = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const rec = (kind: string, key: string, payload: string): RawRecord => ({
  rawId: `jenkins:${kind}:${key}#0`, source: 'jenkins', scope: 's', kind, key, url: null, payload, contentHash: '0', fetchedAt: new Date(0),
});

describe('normalizeJenkins', () => {
  it('maps a build with Zuul parameters and a testReport with every case status', () => {
    const build = JSON.parse(fx('./fixtures/job-builds.json')).allBuilds[1];
    const key = 'build:jenkins:integration.wikimedia.org/ci/job/mediawiki-quibble-vendor-mysql-php81/11';
    const report = JSON.parse(fx('./fixtures/testReport.json')) as { suites: unknown[] };
    const out = normalizeJenkins([
      rec('build', key, JSON.stringify(build)),
      ...report.suites.map((s, i) => rec('report-suite', `${key}#${i}`, JSON.stringify(s))),
    ]);
    expect(out.rejects).toEqual([]);
    expect(out.rows.ci_builds[0]).toMatchObject({
      build_key: key, system: 'jenkins', pipeline: 'test', job: 'mediawiki-quibble-vendor-mysql-php81', build_number: 11,
      result: 'unstable', original_result: 'UNSTABLE', duration_s: 1234.567, started_at: new Date(1736938800000),
      reported_at: new Date(1736938800000 + 1234567), node: 'integration-agent-docker-1040', repo: 'mediawiki/core',
      change_key: 'change:gerrit.wikimedia.org:1012345', patchset: 2, zuul_uuid: '7d1f0a2e9b8c4f6e8a1d2c3b4a5f6e7d',
    });
    const statuses = out.rows.test_results.map((r) => `${r.original_status}→${r.status}`);
    expect(new Set(statuses)).toEqual(new Set(['PASSED→pass', 'SKIPPED→skip', 'FIXED→pass', 'FAILED→fail']));
    expect(out.rows.test_results).toHaveLength(12);
    const failed = out.rows.test_results.find((r) => r.status === 'fail')!;
    expect(failed).toMatchObject({ class: 'failure.TestThisWillFailAbunch', name: 'aFailingTest', message: '<some exception here>', duration_ms: 3 });
    // the same case name twice in one suite stays two rows
    expect(new Set(out.rows.test_results.map((r) => r.result_key)).size).toBe(12);
  });

  it('rejects unknown statuses and nameless cases, and bad JSON, naming where', () => {
    const key = 'build:jenkins:h/ci/job/j/1';
    const out = normalizeJenkins([
      rec('report-suite', `${key}#0`, JSON.stringify({ name: 's', cases: [{ name: 'a', status: 'WEIRD' }, { status: 'PASSED' }] })),
      rec('build', key, '{"number":'),
    ]);
    expect(out.rejects.map((r) => r.reason)).toEqual(['unknown case status "WEIRD"', 'case has no name', expect.stringMatching(/^build is not JSON/)]);
  });

  it('reads the job path of folder jobs from the URL', () => {
    expect(jobOfUrl('https://ci.example/job/a/job/b%20c/12/')).toBe('a/b c');
  });
});

describe('link rule jenkins-zuul-url', () => {
  it('links a Jenkins build to the Zuul row of the same job URL, and nothing else', async () => {
    const store = await openStore(':memory:');
    const id = 'integration.wikimedia.org/ci/job/mediawiki-quibble-vendor-mysql-php81/11';
    await store.write('ci_builds', [
      { build_key: `build:jenkins:${id}`, system: 'jenkins', url: `https://${id}/`, started_at: new Date('2025-01-15T10:00:00Z') },
      { build_key: `build:zuul:${id}`, system: 'zuul', url: `https://${id}/console`, reported_at: new Date('2025-01-15T10:30:00Z') },
      { build_key: 'build:zuul:integration.wikimedia.org/ci/job/other/11', system: 'zuul' },
    ]);
    await store.transaction((tx) => bumpTables(tx, ['ci_builds'], new Date()));
    await runDerive(store, LINK_RULES.filter((r) => r.rule === 'jenkins-zuul-url').map((r) => linkStep(r)), { now: new Date() });
    const links = await store.all('SELECT src_key, dst_key, evidence, confidence, first_seen_at FROM links');
    expect(links).toEqual([{
      src_key: `build:jenkins:${id}`, dst_key: `build:zuul:${id}`, evidence: `same build URL: https://${id}/`,
      confidence: 'high', first_seen_at: new Date('2025-01-15T10:30:00Z'),
    }]);
    await store.close();
  });
});
