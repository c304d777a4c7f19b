// kill -9 at random moments, re-run, and the tables equal those of an uninterrupted run:
// each batch commits raw records, rows and the cursor in one transaction. One case per
// importer that streams a large input in many transactions: git (a generated repository),
// gerrit-notedb (a NoteDB mirror written from the demo world's changes), junit (a generated
// PHPUnit report) and sal (stashbot NDJSON). Each import is first run whole; then the same
// import is started and killed three times at random points of that duration, resumed, and
// every table compared with the uninterrupted one.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { salLines } from '../../bench/sal.ts';
import { noteDbChange } from '../../src/demo/emit/gerrit-notedb.ts';
import { writeNoteDb } from '../../src/demo/emit/notedb-writer.ts';
import { buildWorld } from '../../src/demo/world.ts';
import { shiplog, shiplogChild } from '../helpers/cli.ts';
import { dumpTables } from '../helpers/dump.ts';
import { writeReport } from '../helpers/junit-report.ts';
import { makeRepo } from '../helpers/repo.ts';

const omit = { raw_records: ['fetched_at', 'seq'], sync_state: ['last_run_at', 'last_success_at'], rejects: ['rejected_at'], derive_state: ['derived_at'] };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Case {
  name: string;
  /** Writes the input under `dir`; returns the import's arguments after `--db <path>` and the table that must not be empty. */
  input(dir: string): Promise<{ args: string[]; table: string }>;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

const CASES: Case[] = [
  {
    name: 'git',
    async input(dir) {
      const repo = await makeRepo(join(dir, 'repo.git'), 10_000);
      return { args: ['import', 'git', repo, '--name', 'operations/mediawiki-config'], table: 'commits' };
    },
  },
  {
    name: 'gerrit-notedb',
    async input(dir) {
      const world = buildWorld({ seed: 7, scale: 'small', now: new Date('2025-06-01T00:00:00Z') });
      const path = join(dir, 'notedb.git');
      await writeNoteDb(path, world.changes.map((c) => noteDbChange(c, world)));
      // 20 changes a batch: many transactions for the kills to fall between and inside
      return { args: ['import', 'gerrit-notedb', path, '--name', 'demo/notedb', '--option', 'batch=20'], table: 'change_messages' };
    },
  },
  {
    name: 'junit',
    async input(dir) {
      const path = join(dir, 'report.xml');
      await writeReport(path, 30); // ~4 transactions of 8 MB
      return { args: ['import', 'junit', path, '--name', 'core-phpunit'], table: 'test_results' };
    },
  },
  {
    name: 'sal',
    async input(dir) {
      const path = join(dir, 'sal.ndjson');
      await writeLines(path, salLines(150_000));
      return { args: ['import', 'sal', path, '--name', 'sal'], table: 'log_entries' };
    },
  },
];

describe('kill -9 mid-import', () => {
  for (const c of CASES) {
    it(`${c.name}: resumes without loss or duplicates after kills at random points`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `shiplog-kill-${c.name}-`));
      dirs.push(dir);
      const { args, table } = await c.input(dir);

      const clean = join(dir, 'clean.duckdb');
      const t0 = performance.now();
      const whole = shiplog(['--db', clean, ...args]);
      expect(whole.code, whole.stderr).toBe(0);
      const wholeMs = performance.now() - t0;

      const killed = join(dir, 'killed.duckdb');
      const delays = [0.25, 0.5, 0.75].map((f) => Math.round(wholeMs * (f + (Math.random() - 0.5) * 0.2)));
      const landed: number[] = [];
      for (const delay of delays) {
        const child = shiplogChild(['--db', killed, ...args]);
        // listened for from the start: a run that ends before its kill (the resumed runs have
        // less left to do) has closed already, and a listener added then would wait forever
        const closed = new Promise((r) => child.once('close', r));
        await new Promise((r) => setTimeout(r, delay));
        const stillRunning = child.exitCode === null && child.signalCode === null;
        child.kill('SIGKILL');
        await closed;
        if (stillRunning) landed.push(delay);
      }
      const why = `${c.name}: whole run ${Math.round(wholeMs)} ms, kills after ${delays.join(', ')} ms`;
      expect(landed.length, why).toBeGreaterThan(0); // at least one kill landed mid-import
      const resumed = shiplog(['--db', killed, ...args]);
      expect(resumed.code, resumed.stderr).toBe(0);

      const a = await dumpTables(clean, { omit });
      const b = await dumpTables(killed, { omit });
      expect(a[table].length, why).toBeGreaterThan(0);
      for (const t of Object.keys(a)) expect(b[t], `${why}: table ${t}`).toEqual(a[t]);
    }, 900_000);
  }
});
