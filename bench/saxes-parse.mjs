// The junit benchmark's baseline, run as its own process: a bare saxes parse of a file
// (every event listened to, nothing kept), read as shiplog reads it (UTF-8, 1 MiB reads).
// Plain JavaScript, so no TypeScript loader is timed. Prints the testcases counted.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

const parser = new SaxesParser({ position: true });
let cases = 0;
parser.on('opentag', (t) => {
  if (t.name === 'testcase') cases++;
});
parser.on('closetag', () => undefined);
parser.on('text', () => undefined);
for await (const text of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 })) parser.write(text);
parser.close();
console.log(cases);
