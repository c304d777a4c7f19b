// An upsert stages its batch in a temporary table. DuckDB never gives back the memory of rows
// deleted from a temporary table, so a stage that was emptied with DELETE and reused held every
// row ever staged: 367 MB by the end of a NoteDB import of operations/mediawiki-config. The
// stage must cost one batch, however many batches an import writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../index.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('upsert staging', () => {
  it('holds one batch in temporary tables, not every batch written', async () => {
    const store = await openStore(join(dir, 's.duckdb'));
    const batch = (b: number) => Array.from({ length: 20_000 }, (_, i) => ({
      change_key: `change:h:${b * 20_000 + i}`, host: 'h', number: b * 20_000 + i, subject: `a subject long enough to weigh something ${'x'.repeat(100)} ${i}`,
      updated_at: new Date(Date.UTC(2020, 0, 1)), raw_id: `gerrit:change:${b}-${i}#0`,
    }));
    const inMemory = async () => {
      const [r] = await store.all<{ bytes: number }>("SELECT memory_usage_bytes AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'");
      return Number(r.bytes);
    };
    await store.transaction((tx) => tx.upsert('changes', batch(0)));
    const afterOne = await inMemory();
    for (let b = 1; b < 15; b++) await store.transaction((tx) => tx.upsert('changes', batch(b)));
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM changes');
    expect(n).toBe(15 * 20_000);
    // 15 batches of ~3 MB each: a stage that keeps them holds ~15 times the first
    expect(await inMemory()).toBeLessThan(afterOne * 2 + 8e6);
    await store.close();
  }, 60_000);
});
