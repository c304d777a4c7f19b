// New DuckDB stores are files of the DuckDB 1.5 format, the one that compresses with ZSTD:
// the raw archive's payloads and test_results.result_key are stored compressed (the two
// largest parts of a store of CI results). A file of the old format opens and keeps its
// format; migrate copies it into the new one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { copyStore } from '../copy.ts';
import { openStore, type Store } from '../index.ts';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'shiplog-zstd-')), 'store.duckdb');

/** A JUnit report of `n` testcases, as an archived payload is. */
function report(build: number, n: number): string {
  const cases = Array.from({ length: n }, (_, i) => `  <testcase name="testMethod${i} with data set #${i % 7}" class="Tests\\\\Unit${i % 40}" file="tests/phpunit/Unit${i % 40}Test.php" line="${i}" time="0.${(i * 7919 + build) % 1000}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n <testsuite name="build ${build}" tests="${n}">\n${cases.join('\n')}\n </testsuite>\n</testsuites>\n`;
}

async function compressions(store: Store, table: string, column: string): Promise<string[]> {
  const rows = await store.all<{ c: string }>(`SELECT DISTINCT compression AS c FROM pragma_storage_info('${table}') WHERE column_name = '${column}' AND segment_type = 'VARCHAR' ORDER BY c`);
  return rows.map((r) => r.c);
}

describe('DuckDB storage', () => {
  it('compresses payloads and result keys with ZSTD, at a fraction of their size', async () => {
    const store = await openStore(tmp());
    const payloads = Array.from({ length: 30 }, (_, b) => report(b, 400));
    await store.storeRaw(payloads.map((payload, b) => ({
      raw_id: `junit:report:b${b}#h${b}`, source: 'junit', scope: 's', kind: 'report', key: `b${b}`, fetched_at: new Date(0), url: null, payload, content_hash: `h${b}`,
    })));
    await store.append('test_results', Array.from({ length: 12_000 }, (_, i) => ({
      result_key: `build:jenkins:quibble-vendor-mysql-php81/${2_000_000 + (i >> 9)}/mediawiki/core/Tests\\Unit${i % 40}/testMethod${i}#1`, build_key: `b${i >> 9}`, name: `t${i}`, status: 'pass', raw_id: 'r#1',
    })));
    await store.run('CHECKPOINT');
    expect(await compressions(store, 'raw_records', 'payload')).toContain('ZSTD');
    expect(await compressions(store, 'test_results', 'result_key')).toEqual(['ZSTD']);
    // the archive's payloads take under a fifth of their length on disk
    const [{ blocks }] = await store.all<{ blocks: number }>(
      "SELECT count(DISTINCT block_id) AS blocks FROM pragma_storage_info('raw_records') WHERE column_name = 'payload' AND block_id >= 0");
    const [{ size }] = await store.all<{ size: number }>('SELECT block_size AS size FROM pragma_database_size()');
    const length = payloads.reduce((n, p) => n + p.length, 0);
    expect(Number(blocks) * Number(size)).toBeLessThan(length / 5);
    await store.close();
  });

  it('keeps the format of an old file, and migrate copies it into the new one', async () => {
    const path = tmp();
    const old = await DuckDBInstance.create(path, { storage_compatibility_version: 'v0.10.0' });
    (await old.connect()).closeSync();
    old.closeSync();
    const store = await openStore(path);
    const payloads = Array.from({ length: 10 }, (_, b) => report(b, 400));
    await store.storeRaw(payloads.map((payload, b) => ({
      raw_id: `junit:report:b${b}#h${b}`, source: 'junit', scope: 's', kind: 'report', key: `b${b}`, fetched_at: new Date(0), url: null, payload, content_hash: `h${b}`,
    })));
    await store.run('CHECKPOINT');
    expect(await compressions(store, 'raw_records', 'payload')).not.toContain('ZSTD');
    const copy = await openStore(tmp());
    await copyStore(store, copy); // what `shiplog migrate --to duckdb --to-db NEW` runs
    await copy.run('CHECKPOINT');
    expect(await copy.all('SELECT count(*) AS n FROM raw_records')).toEqual([{ n: 10 }]);
    expect(await compressions(copy, 'raw_records', 'payload')).toContain('ZSTD');
    await Promise.all([store.close(), copy.close()]);
  });
});
