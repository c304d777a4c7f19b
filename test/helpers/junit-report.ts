// A generated PHPUnit-style JUnit report of a given size (nested suites, data sets, ~2%
// failures with a multi-line message), written as a stream: for the junit benchmark and the
// kill -9 resume test.
import { createWriteStream } from 'node:fs';

/** Writes a PHPUnit-style report of about `mb` MB: nested suites, data sets, ~2% failures. */
export async function writeReport(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="" tests="0">\n<testsuite name="core:unit">\n');
  let written = 0;
  for (let c = 0; written < mb * 1e6; c++) {
    let s = `<testsuite name="MediaWiki\\Tests\\Area${c % 50}\\Class${c}Test" file="/workspace/src/tests/phpunit/Class${c}Test.php" tests="20">\n`;
    for (let m = 0; m < 20; m++) {
      const attrs = `name="testMethod${m} with data set #${m % 4}" class="MediaWiki\\Tests\\Class${c}Test" classname="MediaWiki.Tests.Class${c}Test" file="/workspace/src/tests/phpunit/Class${c}Test.php" line="${20 + m}" assertions="2" time="0.00${m}123"`;
      s += (c * 20 + m) % 50 === 0
        ? `  <testcase ${attrs}>\n    <failure type="PHPUnit\\Framework\\ExpectationFailedException">Class${c}Test::testMethod${m}\nFailed asserting that two strings are identical.\n--- Expected\n+++ Actual\n@@ @@\n-'a'\n+'b'\n\n/workspace/src/tests/phpunit/Class${c}Test.php:${30 + m}</failure>\n  </testcase>\n`
        : `  <testcase ${attrs}/>\n`;
    }
    s += '</testsuite>\n';
    written += s.length;
    await write(s);
  }
  await write('</testsuite>\n</testsuite>\n</testsuites>\n');
  await new Promise<void>((r) => out.end(() => r()));
}
