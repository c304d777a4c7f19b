// The engines the contract suite runs against, each opened fresh for a test: DuckDB in
// memory, and ClickHouse in process (chdb) with a database of its own per test in one data
// directory (chdb holds one directory per process). ClickHouse is left out, with the
// reason, when chdb is not installed.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../index.ts';

export interface EngineUnderTest {
  name: 'duckdb' | 'clickhouse';
  /** Why this engine cannot run here, or null. */
  missing: string | null;
  open(): Promise<Store>;
}

function chdbMissing(): string | null {
  try {
    createRequire(import.meta.url).resolve('chdb');
    return null;
  } catch {
    return 'the npm package chdb (optional dependency) is not installed';
  }
}

let dir: string | null = null;
let n = 0;

export const ENGINES_UNDER_TEST: EngineUnderTest[] = [
  { name: 'duckdb', missing: null, open: () => openStore(':memory:') },
  {
    name: 'clickhouse',
    missing: chdbMissing(),
    open: () => {
      dir ??= mkdtempSync(join(tmpdir(), 'shiplog-chdb-'));
      return openStore(dir, { engine: 'clickhouse', clickhouse: { database: `t${process.pid}_${++n}` } });
    },
  },
];
