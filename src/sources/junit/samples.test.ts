// Conformance on the public samples in ../shared/samples/junit (dorny/test-reporter flavours,
// webdriverio). Skipped, with the reason, where that folder is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JUnitReader, type ParsedCase } from './reader.ts';

const dir = '/work/shared/samples/junit';
if (!existsSync(dir)) console.warn(`junit samples skipped: ${dir} is absent`);

function read(path: string): { cases: ParsedCase[]; error: string | null } {
  const cases: ParsedCase[] = [];
  const r = new JUnitReader({ onCase: (c) => cases.push(c) });
  r.write(readFileSync(path, 'utf8'));
  r.close();
  return { cases, error: r.error };
}

const counts = (cases: ParsedCase[]) =>
  cases.reduce((m, c) => ({ ...m, [c.status]: (m[c.status] ?? 0) + 1 }), {} as Record<string, number>);

describe.skipIf(!existsSync(dir))(`junit samples in ${dir} (skipped when absent)`, () => {
  const expected: Record<string, Record<string, number>> = {
    'dorny-test-reporter/empty__karma-junit-empty-testsuite.xml': {},
    'dorny-test-reporter/empty__phpunit-empty.xml': {},
    'dorny-test-reporter/external__karma__karma-react-component-test-results.xml': { pass: 1 },
    'dorny-test-reporter/external__phpunit__junit-basic.xml': { pass: 8, fail: 1 },
    'dorny-test-reporter/jest-junit.xml': { pass: 1, fail: 4, skip: 1 },
    'dorny-test-reporter/karma-junit.xml': { pass: 1, fail: 3 },
    'dorny-test-reporter/phpunit__phpunit-paths.xml': { fail: 6 },
    'webdriverio/wdio-0-0-junit-reporter.xml': { pass: 1, skip: 1, error: 1 },
  };
  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${JSON.stringify(want)}`, () => {
      const { cases, error } = read(join(dir, file));
      expect(error).toBeNull();
      expect(counts(cases)).toEqual(want);
      for (const c of cases) expect(c.name).toBeTruthy();
    });
  }

  it('every sample file parses without error', () => {
    for (const sub of readdirSync(dir)) {
      for (const f of readdirSync(join(dir, sub))) expect(read(join(dir, sub, f)).error, f).toBeNull();
    }
  });

  it('PHPUnit 11 output: phpt cases without class, class cases with it, failures with messages', () => {
    const { cases } = read(join(dir, 'dorny-test-reporter/phpunit__phpunit.xml'));
    expect(cases.length).toBeGreaterThan(10);
    const failed = cases.filter((c) => c.status === 'fail');
    expect(failed.every((c) => c.message && c.message.length <= 500)).toBe(true);
    expect(cases.some((c) => c.className === null && c.name?.endsWith('.phpt'))).toBe(true);
  });
});
