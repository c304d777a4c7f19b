// Hand-made inputs for the derive steps, each with what its output tables must show: used by
// derive.chdb.test.ts to run every step on DuckDB and ClickHouse and compare the rows.
import { expect } from 'vitest';

type Row = Record<string, unknown>;

export interface DeriveCase {
  name: string;
  /** Rows written (store.write) before the steps run. */
  input: Record<string, Row[]>;
  /** Per output table: a check of the DuckDB rows (plain JSON, times as ISO text). */
  expect: Record<string, (rows: Row[]) => void>;
}

const at = (s: string) => new Date(`2026-02-${s}Z`);
const pick = (rows: Row[], cols: string[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));

export const CASES: DeriveCase[] = [
  {
    name: 'test-results-from-builds: repo and run_at from the build',
    input: {
      ci_builds: [
        { build_key: 'build:jenkins:h/ci/job/a/1', system: 'jenkins', repo: 'mediawiki/core', started_at: at('01T10:00:00'), reported_at: at('01T10:30:00') },
        { build_key: 'build:jenkins:h/ci/job/a/2', system: 'jenkins', repo: null, started_at: null, reported_at: at('02T10:30:00') },
      ],
      test_results: [
        { result_key: 'r1', build_key: 'build:jenkins:h/ci/job/a/1', name: 't1', status: 'pass' },
        { result_key: 'r2', build_key: 'build:jenkins:h/ci/job/a/1', name: 't2', status: 'fail', repo: 'other', run_at: at('01T09:00:00') },
        { result_key: 'r3', build_key: 'build:jenkins:h/ci/job/a/2', name: 't3', status: 'pass' },
        { result_key: 'r4', build_key: 'build:junit:nowhere', name: 't4', status: 'skip' },
      ],
    },
    expect: {
      test_results: (rows) => expect(pick(rows, ['result_key', 'repo', 'run_at'])).toEqual([
        { result_key: 'r1', repo: 'mediawiki/core', run_at: '2026-02-01T10:00:00.000Z' },
        { result_key: 'r2', repo: 'other', run_at: '2026-02-01T09:00:00.000Z' },
        { result_key: 'r3', repo: null, run_at: '2026-02-02T10:30:00.000Z' },
        { result_key: 'r4', repo: null, run_at: null },
      ]),
    },
  },
];
