// `import junit` through the real pipeline into DuckDB: rows, build rows, rejects for
// malformed and hostile files, --build/--change options, idempotent re-import, renormalize.
import { mkdtempSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { renormalize } from '../../sync/renormalize.ts';
import { junitSource } from './index.ts';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const clock = () => new Date('2025-01-01T00:00:00Z');

function importJUnit(store: Store, paths: string[], options: Record<string, unknown> = {}, config?: object) {
  return runSource({ store, log: silentLogger(), clock, fetch: globalThis.fetch }, { source: junitSource, config, paths, options });
}

function dirWith(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'junit-'));
  mkdirSync(join(dir, 'log'));
  for (const n of names) copyFileSync(join(fixtures, n), join(dir, 'log', n));
  return dir;
}

describe('junit source', () => {
  it('imports a folder: one build per file, one row per testcase, rejects for bad files', async () => {
    const store = await openStore(':memory:');
    const dir = dirWith('phpunit-mediawiki.xml', 'karma-qunit.xml', 'xxe.xml', 'entity-bomb.xml', 'truncated.xml');
    const summary = await importJUnit(store, [dir], { repo: 'mediawiki/core' });
    expect(summary.errors).toEqual([]);
    const builds = await store.all<{ build_key: string; result: string; repo: string }>(
      'SELECT build_key, result, repo FROM ci_builds ORDER BY build_key');
    expect(builds.map((b) => [b.build_key.replace(/@[0-9a-f]{12}$/, '@…'), b.result, b.repo])).toEqual([
      ['build:junit:log/entity-bomb.xml@…', 'error', 'mediawiki/core'],
      ['build:junit:log/karma-qunit.xml@…', 'failure', 'mediawiki/core'],
      ['build:junit:log/phpunit-mediawiki.xml@…', 'failure', 'mediawiki/core'],
      ['build:junit:log/truncated.xml@…', 'error', 'mediawiki/core'],
      ['build:junit:log/xxe.xml@…', 'error', 'mediawiki/core'],
    ]);
    const [counts] = await store.all<{ n: number; fails: number; repos: number }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE status IN ('fail','error')) AS fails, count(DISTINCT repo) AS repos FROM test_results");
    expect(counts).toEqual({ n: 7 + 3 + 1, fails: 2 + 1, repos: 1 });
    const rejects = await store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects ORDER BY location');
    expect(rejects).toHaveLength(3);
    expect(rejects[0].reason).toMatch(/entity|DOCTYPE is not accepted/);
    expect(rejects[1].location).toMatch(/truncated\.xml: line \d+, column \d+/);
    expect(rejects[1].reason).toMatch(/not closed.*the 1 testcases before the last complete element were kept/);
    expect(rejects[2].location).toMatch(/xxe\.xml: line 4/);
    expect(rejects[2].reason).toMatch(/DOCTYPE is not accepted/);
    const [row] = await store.all<Record<string, unknown>>(
      "SELECT suite, class, name, file, line, data_set, status, original_status, message, duration_ms FROM test_results WHERE name LIKE '%#2'");
    expect(row).toEqual({
      suite: 'core:unit', class: 'MediaWiki\\Tests\\Unit\\TitleValueTest', name: 'testConstruction with data set #2',
      file: '/workspace/src/tests/phpunit/unit/includes/title/TitleValueTest.php', line: 31, data_set: '#2',
      status: 'fail', original_status: 'failure', duration_ms: 3,
      message: "MediaWiki\\Tests\\Unit\\TitleValueTest::testConstruction with data set #2 (0, 'Ünïcode', '')",
    });
    // the failure's full text stays in raw
    const [raw] = await store.all<{ payload: string; url: string }>("SELECT payload, url FROM raw_records WHERE kind = 'cases' AND payload LIKE '%data set #2%'");
    expect(raw.payload).toContain('Failed asserting that two strings are identical.');
    expect(raw.url).toMatch(/phpunit-mediawiki\.xml#chars=\d+-\d+$/);
    await store.close();
  });

  it('attaches results to --build with the change and patch set, and re-imports idempotently', async () => {
    const store = await openStore(':memory:');
    const file = join(fixtures, 'karma-qunit.xml');
    const opts = { build: 'build:jenkins:integration.wikimedia.org/ci/job/mediawiki-fresnel/1', change: '123', patchset: '4' };
    await importJUnit(store, [file], opts);
    const again = await importJUnit(store, [file], opts);
    expect(again.raw).toBe(0);
    expect(await store.all('SELECT build_key FROM ci_builds')).toEqual([]); // a jenkins build is the jenkins source's row
    const results = await store.all<{ build_key: string }>('SELECT DISTINCT build_key FROM test_results');
    expect(results).toEqual([{ build_key: opts.build }]);
    const links = await store.all<{ dst_key: string }>('SELECT dst_key FROM links ORDER BY dst_key');
    expect(links.map((l) => l.dst_key)).toEqual(['change:gerrit.wikimedia.org:123', 'change:gerrit.wikimedia.org:123/4']);
    await store.close();
  });

  it('renormalize rebuilds the same rows from raw, with small chunks', async () => {
    const store = await openStore(':memory:');
    await importJUnit(store, [dirWith('phpunit-mediawiki.xml', 'truncated.xml')], {}, { chunk: { maxCases: 2 } });
    const snapshot = async () => ({
      results: await store.all('SELECT * FROM test_results ORDER BY result_key'),
      builds: await store.all('SELECT * FROM ci_builds ORDER BY build_key'),
      rejects: await store.all('SELECT reject_id, reason FROM rejects ORDER BY reject_id'),
    });
    const before = await snapshot();
    expect(before.results).toHaveLength(8);
    const [{ chunks }] = await store.all<{ chunks: number }>("SELECT count(*) AS chunks FROM raw_records WHERE kind = 'cases'");
    expect(chunks).toBe(5); // 7 cases in chunks of 2 (4) + the 1 kept case of the truncated file
    await renormalize(store, [junitSource as never], clock);
    expect(await snapshot()).toEqual(before);
    await store.close();
  });
});
