// Deeply nested JUnit input is a reject, not a dead process: suites nested past MAX_NESTING
// stop the reader with a one-line error (the cases before it are kept), and 100,000 nested
// <testsuite> elements (3 MB; 2.66 GB of heap at depth 20,000 before the limit) import in
// a CLI process whose heap is capped at 192 MB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplog } from '../../../test/helpers/cli.ts';
import { JUnitReader, MAX_NESTING, type ParsedCase } from './reader.ts';

function nested(depth: number, withCase = true): string {
  return `${'<testsuite name="s">'.repeat(depth)}${withCase ? '<testcase name="deep" classname="C" time="0.1"/>' : ''}${'</testsuite>'.repeat(depth)}`;
}

function read(xml: string): { cases: ParsedCase[]; error: string | null } {
  const cases: ParsedCase[] = [];
  const r = new JUnitReader({ onCase: (c) => cases.push(c) });
  r.write(xml);
  r.close();
  return { cases, error: r.error };
}

describe('JUnit nesting limit', () => {
  it('reads a case at the deepest allowed nesting and refuses one level more', () => {
    const ok = read(nested(MAX_NESTING - 1));
    expect(ok.error).toBeNull();
    expect(ok.cases).toHaveLength(1);
    expect(ok.cases[0].suitePath).toHaveLength(MAX_NESTING - 1);
    const deep = read(nested(MAX_NESTING + 1));
    expect(deep.error).toMatch(/line 1, column \d+: <testsuite> is nested more than 256 elements deep/);
    expect(deep.cases).toHaveLength(0);
    const inCase = read(`<testsuite><testcase name="x">${'<failure>'.repeat(MAX_NESTING)}${'</failure>'.repeat(MAX_NESTING)}</testcase></testsuite>`);
    expect(inCase.error).toMatch(/<failure> is nested more than 256/);
  });

  describe('through the CLI, with the heap capped', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'junit-deep-'));
      const head = '<testsuites><testsuite name="ok"><testcase name="a" classname="C"/><testcase name="b" classname="C"/></testsuite>';
      writeFileSync(join(dir, 'deep.xml'), `${head}${nested(100_000, false)}</testsuites>`);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('imports 100,000 nested suites (3 MB) as a reject, keeping the cases before them', () => {
      const db = join(dir, 's.duckdb');
      const r = shiplog(['--db', db, '--json', 'import', 'junit', join(dir, 'deep.xml')], { env: { NODE_OPTIONS: '--max-old-space-size=192' } });
      expect(r.code, r.stderr.slice(0, 500)).toBe(0);
      const summary = JSON.parse(r.stdout).summaries[0];
      expect(summary.rejected).toBe(1);
      expect(summary.tables.test_results.new).toBe(2);
      const rejects = shiplog(['--db', db, 'sql', 'SELECT reason FROM rejects', '--format', 'json']);
      expect(JSON.parse(rejects.stdout)[0].reason).toMatch(/nested more than 256 elements deep/);
    });
  });
});
