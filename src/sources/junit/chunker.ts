// Cuts a JUnit report, read as a stream of text, into raw items of verbatim XML: each item
// is the input between two cut points (after a testcase or testsuite closes), wrapped in the
// verbatim open tags of the suites around it and their closing tags, so it parses on its own
// and raw stays the unchanged input. Memory is bounded by one chunk plus the largest single
// testcase. No I/O: the caller hands in the text (a file stream, an HTTP body).
import { JUnitReader, type ParsedCase } from './reader.ts';
import { TextWindow } from './text-window.ts';

export interface JUnitChunk {
  firstOrdinal: number;
  start: number; // position range of the verbatim slice in the input text
  end: number;
  payload: string;
  cases: ParsedCase[];
}

export interface JUnitSummary {
  cases: number;
  suites: number;
  chars: number;
  earliest: Date | null;
  durationMs: number;
  failed: number;
  /** First malformed-XML or DOCTYPE error; the cases of complete chunks before it are kept. */
  error: string | null;
  /** Testcases read after the last cut point before the error, and so not kept. */
  dropped: number;
}

export type ChunkEvent = { chunk: JUnitChunk } | { summary: JUnitSummary };

export interface ChunkOptions {
  maxChars?: number;
  maxCases?: number;
}

const memo = new Map<string, ParsedCase[]>();

/**
 * How much parsed text is kept for normalize (characters of the chunks' payloads). The pipeline
 * coalesces several chunks into one transaction and collects the next batch while the last
 * commits, so a chunk is normalised a few chunks after it was cut: the entry must outlive that
 * (dropping it when the collector resumed made normalize parse every chunk a second time).
 * Oldest first out, so memory stays bounded when chunks are never normalised (already stored).
 */
export const MEMO_CHARS = 16_000_000; // four transactions' worth (src/sync/batches.ts DEFAULT_BUDGET)
let memoChars = 0;

function remember(payload: string, cases: ParsedCase[]): void {
  if (memo.has(payload)) return;
  memo.set(payload, cases);
  memoChars += payload.length;
  for (const oldest of memo.keys()) {
    if (memoChars <= MEMO_CHARS) break;
    memo.delete(oldest);
    memoChars -= oldest.length;
  }
}

/**
 * Cases the chunker already parsed for exactly this payload, so normalize in the same process
 * does not parse it twice. The entry is removed when taken; normalize re-parses on a miss, and
 * both paths give the same cases (tested), so this is a cache, not a second source of truth.
 */
export function takeParsed(payload: string): ParsedCase[] | undefined {
  const hit = memo.get(payload);
  if (hit) {
    memo.delete(payload);
    memoChars -= payload.length;
  }
  return hit;
}

/** Drops cached parses that were not taken (items already stored, so never normalised). */
export function forgetParsed(): void {
  memo.clear();
  memoChars = 0;
}

/**
 * A raw item's default size. Small on purpose: DuckDB reads and checkpoints a column 2,048 rows
 * at a time and pins every large string of those rows at once, so 2,048 raw items of 1 MB
 * (the old 2,000,000-character default) need 2 GB pinned, more than the memory limit, and a
 * checkpoint fails with "failed to pin block" (a 2 GB report did, at 1.07 GB of store;
 * duckdb/duckdb#23396). 32,000 characters bound that at 64 MB and were faster too (400 MB
 * report: 39 s instead of 90 s).
 */
export const DEFAULT_CHUNK_CHARS = 32_000;

export async function* chunkJUnit(texts: AsyncIterable<string>, opts: ChunkOptions = {}): AsyncGenerator<ChunkEvent> {
  const maxChars = opts.maxChars ?? DEFAULT_CHUNK_CHARS;
  const maxCases = opts.maxCases ?? 5_000;
  const held = new TextWindow();
  let chunkStart = 0;
  let prefix = '';
  let pending: ParsedCase[] = [];
  let lastCut = 0;
  let lastCutCases = 0;
  let lastCutSuffix = '';
  let ready: JUnitChunk[] = [];
  let durationMs = 0;
  let failed = 0;
  const flush = (end: number, count: number, suffix: string, nextPrefix: string) => {
    const cases = count === pending.length ? pending : pending.slice(0, count);
    if (cases.length > 0) {
      const payload = prefix + held.slice(chunkStart, end) + suffix;
      remember(payload, cases);
      ready.push({ firstOrdinal: cases[0].ordinal, start: chunkStart, end, payload, cases });
    }
    pending = count === pending.length ? [] : pending.slice(count);
    lastCutCases -= count;
    chunkStart = end;
    prefix = nextPrefix;
  };

  const reader: JUnitReader = new JUnitReader({
    onCase(c) {
      pending.push(c);
      if (c.durationMs !== null) durationMs += c.durationMs;
      if (c.status === 'fail' || c.status === 'error') failed++;
    },
    onCut(position) {
      lastCut = position;
      lastCutCases = pending.length;
      lastCutSuffix = reader.closeTags();
      if (position - chunkStart >= maxChars || pending.length >= maxCases) {
        flush(position, pending.length, lastCutSuffix, reader.openTags());
      }
    },
    tagText: (end) => held.slice(held.lastIndexOf('<', end), end),
  });

  let first = true;
  for await (let piece of texts) {
    if (first && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1); // a BOM is not XML
    first = false;
    held.push(piece);
    reader.write(piece);
    for (const chunk of ready) yield { chunk };
    ready = [];
    if (reader.error) break;
    held.dropBefore(chunkStart); // keep only the text of the chunk being built
  }
  if (!reader.error) reader.close();
  // a well-formed report ends on a cut (its root closing); after an error, what follows the
  // last cut is an incomplete region and its cases are dropped
  const dropped = pending.length - lastCutCases;
  flush(lastCut, lastCutCases, lastCutSuffix, '');
  for (const chunk of ready) yield { chunk };
  yield {
    summary: {
      cases: reader.cases - dropped, suites: reader.suites, chars: held.end, earliest: reader.earliest,
      durationMs, failed, error: reader.error, dropped,
    },
  };
}

/** Reads one stored chunk back (normalize): the cases of a payload, or the XML error in it. */
export function readChunk(payload: string, firstOrdinal: number): { cases: ParsedCase[]; error: string | null } {
  const cached = takeParsed(payload);
  if (cached) return { cases: cached, error: null };
  const cases: ParsedCase[] = [];
  const reader = new JUnitReader({ onCase: (c) => cases.push(c) }, firstOrdinal);
  reader.write(payload);
  reader.close();
  return { cases, error: reader.error };
}
