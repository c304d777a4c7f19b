// The JUnit reader on each flavour, written in the real formats (PHPUnit with nested suites
// and data sets, karma, Ant, WebdriverIO), and on hostile input: DOCTYPE/XXE, an entity bomb,
// an undeclared entity, a truncated file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataSetOf, firstLine, JUnitReader, type ParsedCase } from './reader.ts';
import { parseJUnitSeconds, parseJUnitTimestamp, plainDecimal } from './time.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function read(text: string, pieceSize = 7): { cases: ParsedCase[]; error: string | null; cuts: number } {
  const cases: ParsedCase[] = [];
  let cuts = 0;
  const r = new JUnitReader({ onCase: (c) => cases.push(c), onCut: () => cuts++ });
  for (let i = 0; i < text.length; i += pieceSize) r.write(text.slice(i, i + pieceSize));
  r.close();
  return { cases, error: r.error, cuts };
}

describe('JUnitReader', () => {
  it('reads PHPUnit nested suites, data sets, class/classname/file/line and every status', () => {
    const { cases, error } = read(fixture('phpunit-mediawiki.xml'));
    expect(error).toBeNull();
    expect(cases.map((c) => [c.suite, c.className, c.name, c.status])).toEqual([
      ['core:unit', 'MediaWiki\\Tests\\Unit\\TitleValueTest', 'testConstruction with data set #0', 'pass'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\TitleValueTest', 'testConstruction with data set "fragment > 2"', 'pass'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\TitleValueTest', 'testConstruction with data set #2', 'fail'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\TitleValueTest', 'testToString', 'pass'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\Html\\HtmlTest', 'testExpandAttributes', 'error'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\Html\\HtmlTest', 'testNeedsIntl', 'skip'],
      ['core:unit', 'MediaWiki\\Tests\\Unit\\Html\\HtmlTest', 'testElement', 'pass'],
    ]);
    const failed = cases[2];
    expect(failed.message).toBe("MediaWiki\\Tests\\Unit\\TitleValueTest::testConstruction with data set #2 (0, 'Ünïcode', '')");
    expect(failed.suitePath).toEqual(['core:unit', 'MediaWiki\\Tests\\Unit\\TitleValueTest', 'MediaWiki\\Tests\\Unit\\TitleValueTest::testConstruction']);
    expect(failed.file).toBe('/workspace/src/tests/phpunit/unit/includes/title/TitleValueTest.php');
    expect(failed.line).toBe(31);
    expect(failed.durationMs).toBe(3);
    expect(failed.originalStatus).toBe('failure');
    expect(cases[4].message).toBe('Error: Call to undefined method Html::expandAttributes()');
    expect(cases.map((c) => c.ordinal)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads karma (QUnit) output: properties and suite system-out are not cases', () => {
    const { cases, error } = read(fixture('karma-qunit.xml'));
    expect(error).toBeNull();
    expect(cases.map((c) => [c.name, c.status, c.durationMs])).toEqual([
      ['mediawiki.util: getUrl', 'pass', 12],
      ['mediawiki.util: addCSS', 'fail', 2],
      ['mediawiki.jqueryMsg: skipped', 'skip', 0],
    ]);
    expect(cases[1].message).toBe('Expected 2 assertions, but 1 were run');
    expect(cases[0].runAt).toEqual(new Date('2024-01-10T12:00:01Z'));
  });

  it('reads plain Ant JUnit with a root <testsuite> and thousands separators in time', () => {
    const { cases } = read(fixture('ant-plain.xml'));
    expect(cases.map((c) => [c.className, c.name, c.status, c.durationMs, c.message])).toEqual([
      ['org.example.ParserTest', 'parsesEmpty', 'pass', 4, null],
      ['org.example.ParserTest', 'parsesHuge', 'error', 1234496, 'java.lang.OutOfMemoryError: Java heap space'],
    ]);
  });

  it('reads WebdriverIO output: error element with a message attribute, skipped, system-out', () => {
    const { cases } = read(fixture('WDIO.xunit-2018-04-17T11-10-10-a1b2c3d4.xml'));
    expect(cases.map((c) => [c.suite, c.name, c.status, c.message])).toEqual([
      ['My_awesome_feature', 'should_can_do_something', 'pass', null],
      ['My_awesome_feature', 'should_skip_a_test', 'skip', null],
      ['My_awesome_feature', 'should_fail_a_test', 'error', 'uupsi'],
    ]);
  });

  it('refuses a DOCTYPE (XXE) and an entity bomb quickly, before any entity is used', () => {
    for (const name of ['xxe.xml', 'entity-bomb.xml']) {
      const started = performance.now();
      const { cases, error } = read(fixture(name), 4096);
      expect(error).toMatch(/DOCTYPE is not accepted/);
      expect(cases).toEqual([]);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });

  it('stops at an undeclared entity: the case before it is read, the rest is not', () => {
    const { cases, error } = read(fixture('undeclared-entity.xml'));
    expect(error).toMatch(/undefined entity/);
    expect(cases.map((c) => c.name)).toEqual(['ok']);
  });

  it('reports a truncated file as an error naming the unclosed element', () => {
    const { cases, error } = read(fixture('truncated.xml'));
    expect(error).toMatch(/line \d+, column \d+: .*(not closed|unclosed)/);
    expect(cases.map((c) => c.name)).toEqual(['testConstruction with data set #0']);
  });

  it('accepts reports with no testcases', () => {
    expect(read('<?xml version="1.0"?>\n<testsuites/>')).toEqual({ cases: [], error: null, cuts: 1 });
    expect(read('<testsuite name="x" tests="0"></testsuite>').error).toBeNull();
  });
});

describe('JUnit field parsers', () => {
  it('parses time seconds and timestamps as UTC', () => {
    expect(parseJUnitSeconds('0.068151')).toBe(68.151);
    expect(parseJUnitSeconds('1,234.5')).toBe(1234500);
    expect(parseJUnitSeconds('')).toBeNull();
    expect(parseJUnitSeconds('NaN')).toBeNull();
    // the fast path (no comma) reads like trim() + Number(): blanks are absent, white space is skipped
    expect(parseJUnitSeconds(' \t\n')).toBeNull();
    expect(parseJUnitSeconds(undefined)).toBeNull();
    expect(parseJUnitSeconds(' 0.5\n')).toBe(500);
    expect(parseJUnitSeconds('0')).toBe(0);
    expect(parseJUnitSeconds('1e-3')).toBe(1);
    expect(parseJUnitSeconds('-1')).toBeNull();
    expect(parseJUnitSeconds(',')).toBe(0);
    // plain decimals are read without Number(), and must read exactly as Number() does
    for (const v of ['0', '7', '0.068151', '123.000001', '0.1', '0.3', '999999999999999', '12345678.1234567', '0.00000000000001']) {
      expect(plainDecimal(v)).toBe(Number(v));
    }
    for (const v of ['', '.5', '5.', '1e3', ' 1', '1,5', '-1', '1.2.3', '1234567890123456', '0x1']) expect(plainDecimal(v)).toBeNaN();
    expect(parseJUnitTimestamp('2020-10-27T21:39:41')).toEqual(new Date('2020-10-27T21:39:41Z'));
    expect(parseJUnitTimestamp('2020-10-27T21:39:41.123+02:00')).toEqual(new Date('2020-10-27T19:39:41.123Z'));
    expect(parseJUnitTimestamp('yesterday')).toBeNull();
  });

  it('takes a failure message from the text of its own element only, whatever the reads', () => {
    const xml = '<testsuite name="s"><testcase name="a"><system-out>out &amp; more</system-out>'
      + '<failure type="T">\n  first &amp; line <![CDATA[x]]>\nsecond</failure><system-err>err</system-err></testcase>'
      + '<testcase name="b"><skipped/></testcase><testcase name="c"><error message="boom">ignored</error></testcase>'
      + '<testcase name="d"><failure>  <b>nested</b>\n own</failure></testcase></testsuite>';
    for (const size of [1, 3, 1000]) {
      expect(read(xml, size).cases.map((c) => [c.status, c.message])).toEqual([
        ['fail', 'first & line x'], ['skip', null], ['error', 'boom'], ['fail', 'own'],
      ]);
    }
  });

  it('reads line attributes as parseInt does', () => {
    const xml = '<testsuite name="s">' + ['31', '12.5', '007', ' 8', 'x', '']
      .map((l, i) => `<testcase name="t${i}" line="${l}"/>`).join('') + '<testcase name="none"/></testsuite>';
    expect(read(xml).cases.map((c) => c.line)).toEqual([31, 12, 7, 8, null, null, null]);
  });

  it('takes the first non-empty line of a message, capped', () => {
    expect(firstLine('\n\n  Error: boom  \nstack')).toBe('Error: boom');
    expect(firstLine('x'.repeat(600))).toHaveLength(500);
    expect(firstLine('  \n ')).toBeNull();
    expect(firstLine('')).toBeNull();
    expect(firstLine('\n\nlast')).toBe('last');
    expect(firstLine('a\r\nb')).toBe('a');
  });

  it('names PHPUnit data sets', () => {
    expect(dataSetOf('testFoo with data set #12')).toBe('#12');
    expect(dataSetOf('testFoo with data set "named one"')).toBe('"named one"');
    expect(dataSetOf('testFoo with data set #2 (0, \'x\')')).toBe('#2');
    expect(dataSetOf('testFoo')).toBeNull();
  });
});
