// shiplog's own checkpoints: the log size that triggers them grows with the database file, and a
// store opened with the defaults checkpoints once its log passes it (DuckDB itself would not).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../index.ts';
import { checkpointLimit, MIN_CHECKPOINT_BYTES, sizeBytes } from './checkpoints.ts';

describe('checkpointLimit', () => {
  it('is 16MB for a small file, a sixteenth of a large one, and at most half the memory limit', () => {
    expect(checkpointLimit(0, 512e6)).toBe(MIN_CHECKPOINT_BYTES);
    expect(checkpointLimit(200e6, 512e6)).toBe(MIN_CHECKPOINT_BYTES);
    expect(checkpointLimit(1.6e9, 512e6)).toBe(100e6);
    expect(checkpointLimit(5.6e9, 512e6)).toBe(256e6);
    expect(checkpointLimit(5.6e9, 2e9)).toBe(350e6);
    expect(checkpointLimit(5.6e9, undefined)).toBe(256e6);
    expect(checkpointLimit(5.6e9, 8e6)).toBe(MIN_CHECKPOINT_BYTES); // never below DuckDB's own default
  });

  it('reads sizes as DuckDB does: MB in thousands, MiB in 1024s', () => {
    expect(sizeBytes('512MB')).toBe(512e6);
    expect(sizeBytes('1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(sizeBytes(' 300 mb ')).toBe(300e6);
    expect(sizeBytes('lots')).toBeUndefined();
    expect(sizeBytes(undefined)).toBeUndefined();
  });
});

describe('a store on a file', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Commits of ~1.3 MB of log each; the log's size after every commit. */
  async function walSizes(checkpointThreshold?: string): Promise<number[]> {
    dir = mkdtempSync(join(tmpdir(), 'shiplog-ckpt-'));
    const path = join(dir, 's.duckdb');
    const store = await openStore(path, { checkpointThreshold });
    await store.run('CREATE TABLE t (i BIGINT, s VARCHAR)');
    const sizes: number[] = [];
    for (let b = 0; b < 30; b++) {
      await store.run(`INSERT INTO t SELECT range, md5(range::VARCHAR) || md5((range + ${b})::VARCHAR) FROM range(${b * 20_000}, ${(b + 1) * 20_000})`);
      sizes.push(statSync(`${path}.wal`, { throwIfNoEntry: false })?.size ?? 0);
    }
    expect(await store.all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 600_000 }]);
    await store.close();
    return sizes;
  }

  it('checkpoints itself once the log passes 16MB, though DuckDB is told not to', async () => {
    const sizes = await walSizes();
    expect(Math.max(...sizes)).toBeLessThan(MIN_CHECKPOINT_BYTES + 4e6);
    expect(sizes.filter((s, i) => i > 0 && s < sizes[i - 1]).length).toBeGreaterThanOrEqual(1); // the log was emptied
    expect(sizes.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(MIN_CHECKPOINT_BYTES - 4e6); // and it grew to the limit first
  });

  it('leaves a size set in shiplog.yaml to DuckDB: no checkpoint below it', async () => {
    const sizes = await walSizes('1GB');
    expect(sizes.every((s, i) => i === 0 || s > sizes[i - 1])).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(MIN_CHECKPOINT_BYTES + 4e6);
  });
});
