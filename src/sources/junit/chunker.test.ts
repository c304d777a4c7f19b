// The chunker cuts a report into raw items of verbatim XML that each parse on their own to
// exactly the cases the streaming pass saw, whatever the read sizes and chunk limits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkJUnit, DEFAULT_CHUNK_CHARS, forgetParsed, readChunk, type JUnitChunk, type JUnitSummary } from './chunker.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function chunk(text: string, size: number, opts = {}): Promise<{ chunks: JUnitChunk[]; summary: JUnitSummary }> {
  const chunks: JUnitChunk[] = [];
  let summary: JUnitSummary | null = null;
  for await (const ev of chunkJUnit(pieces(text, size), opts)) {
    if ('chunk' in ev) chunks.push(ev.chunk);
    else summary = ev.summary;
  }
  return { chunks, summary: summary! };
}

describe('chunkJUnit', () => {
  for (const [maxCases, size] of [[1, 5], [2, 64], [3, 1 << 20], [1000, 13]] as const) {
    it(`cuts PHPUnit nested suites into self-contained verbatim chunks (maxCases ${maxCases}, reads of ${size})`, async () => {
      const text = fixture('phpunit-mediawiki.xml');
      const { chunks, summary } = await chunk(text, size, { maxCases });
      expect(summary.error).toBeNull();
      expect(summary.cases).toBe(7);
      expect(chunks.flatMap((c) => c.cases.map((x) => x.ordinal))).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const c of chunks) {
        // the verbatim slice is in the payload, untouched
        expect(c.payload).toContain(text.slice(c.start, c.end));
        const cached = c.cases;
        forgetParsed();
        const reparsed = readChunk(c.payload, c.firstOrdinal);
        expect(reparsed.error).toBeNull();
        expect(reparsed.cases).toEqual(cached);
      }
    });
  }

  it('keeps the verbatim open tag of a suite whose name is followed by CRLF (Windows reports)', async () => {
    const text = '<testsuites>\r\n<testsuite\r\n name="S" timestamp="2024-01-02T03:04:05">\r\n'
      + '<testcase name="a" classname="C"/>\r\n<testcase name="b" classname="C"/>\r\n</testsuite>\r\n</testsuites>\r\n';
    for (const size of [3, 1 << 20]) {
      const { chunks, summary } = await chunk(text, size, { maxCases: 1 });
      expect(summary.error).toBeNull();
      expect(chunks.map((c) => c.payload.slice(0, 24))).toEqual(['<testsuites>\r\n<testsuite', '<testsuites><testsuite\r\n']);
      for (const c of chunks) {
        const cached = c.cases;
        forgetParsed();
        expect(readChunk(c.payload, c.firstOrdinal)).toEqual({ cases: cached, error: null });
      }
    }
  });

  it('keeps the chunks before a truncation and says how many cases were dropped', async () => {
    const { chunks, summary } = await chunk(fixture('truncated.xml'), 100, { maxCases: 1 });
    expect(summary.error).toMatch(/not closed|unclosed/);
    expect(chunks.flatMap((c) => c.cases.map((x) => x.name))).toEqual(['testConstruction with data set #0']);
    expect(summary.cases).toBe(1);
    expect(summary.dropped).toBe(0);
  });

  it('stops reading at a DOCTYPE', async () => {
    let reads = 0;
    async function* counted() {
      for await (const p of pieces(fixture('xxe.xml') + '<!-- padding -->'.repeat(10_000), 64)) {
        reads++;
        yield p;
      }
    }
    const events = [];
    for await (const ev of chunkJUnit(counted())) events.push(ev);
    expect(events).toHaveLength(1);
    expect((events[0] as { summary: JUnitSummary }).summary.error).toMatch(/DOCTYPE/);
    expect(reads).toBeLessThan(10);
  });

  it('holds at most one chunk of text while reading a large report', async () => {
    const one = '<testcase name="t" classname="C" time="0.001"><system-out>' + 'x'.repeat(200) + '</system-out></testcase>\n';
    async function* big() {
      yield '<testsuites><testsuite name="s">';
      for (let i = 0; i < 20_000; i++) yield one;
      yield '</testsuite></testsuites>';
    }
    let largest = 0;
    let cases = 0;
    for await (const ev of chunkJUnit(big(), { maxChars: 100_000 })) {
      if ('chunk' in ev) {
        largest = Math.max(largest, ev.chunk.payload.length);
        cases += ev.chunk.cases.length;
      }
    }
    forgetParsed();
    expect(cases).toBe(20_000);
    expect(largest).toBeLessThan(100_000 + 2 * one.length);
  });

  it('cuts raw items of at most DEFAULT_CHUNK_CHARS plus one testcase by default', async () => {
    const one = '<testcase name="t" classname="C" time="0.001"><failure message="m">' + 'y'.repeat(300) + '</failure></testcase>\n';
    async function* report() {
      yield '<testsuites><testsuite name="s">';
      for (let i = 0; i < 2_000; i++) yield one;
      yield '</testsuite></testsuites>';
    }
    const sizes: number[] = [];
    for await (const ev of chunkJUnit(report())) if ('chunk' in ev) sizes.push(ev.chunk.payload.length);
    forgetParsed();
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(DEFAULT_CHUNK_CHARS + 2 * one.length);
  });
});
