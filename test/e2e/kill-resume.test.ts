// kill -9 at any moment, re-run, and the tables equal those of an uninterrupted run:
// each batch commits raw records, rows and the cursor in one transaction.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shiplog, shiplogChild } from '../helpers/cli.ts';
import { dumpTables } from '../helpers/dump.ts';
import { makeRepo } from '../helpers/repo.ts';

const omit = { raw_records: ['fetched_at', 'seq'], sync_state: ['last_run_at', 'last_success_at'], rejects: ['rejected_at'], derive_state: ['derived_at'] };

describe('kill -9 mid-import', () => {
  it('resumes without loss or duplicates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-kill-'));
    const repo = await makeRepo(join(dir, 'repo.git'), 25_000);
    const args = (db: string) => ['--db', db, 'import', 'git', repo, '--name', 'operations/mediawiki-config'];

    const clean = join(dir, 'clean.duckdb');
    expect(shiplog(args(clean)).code).toBe(0);

    const killed = join(dir, 'killed.duckdb');
    const kills: number[] = [];
    for (const delay of [900, 1800, 2700]) {
      const child = shiplogChild(args(killed));
      await new Promise((r) => setTimeout(r, delay));
      const stillRunning = child.exitCode === null;
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      if (stillRunning) kills.push(delay);
    }
    expect(kills.length).toBeGreaterThan(0); // at least one kill landed mid-import
    const resumed = shiplog(args(killed));
    expect(resumed.code, resumed.stderr).toBe(0);

    const a = await dumpTables(clean, { omit });
    const b = await dumpTables(killed, { omit });
    expect(b.commits.length).toBe(25_000);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  }, 180_000);
});
