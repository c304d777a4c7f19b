// The streaming JUnit XML reader: text goes in chunk by chunk (never the whole file), test
// cases and "safe cut points" come out. Pure: no I/O, no clock. Used by the collector (to cut
// a report into raw items of verbatim XML) and by normalize (to read one raw item back).
// DOCTYPE is refused outright, so no entity is ever declared or expanded (XXE, entity bombs).
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { parseJUnitSeconds, parseJUnitTimestamp, plainDecimal } from './time.ts';

export type TestStatus = 'pass' | 'fail' | 'error' | 'skip';

export interface ParsedCase {
  ordinal: number; // 0-based position of the testcase in its file (the raw item says where it starts)
  suite: string | null; // outermost named <testsuite>
  suitePath: string[]; // every enclosing named <testsuite>, outermost first (shared by the cases of a suite: read-only)
  className: string | null;
  name: string | null;
  file: string | null;
  line: number | null;
  status: TestStatus;
  originalStatus: string; // the child element that decided the status, or "none"
  durationMs: number | null;
  message: string | null;
  runAt: Date | null; // nearest enclosing suite timestamp
}

interface OpenElement {
  name: string;
  open: string; // the verbatim open tags of this element and those around it (chunk prefix when cut here)
  close: string; // the closing tags of this element and those around it (chunk suffix)
  context: SuiteContext; // suite names and timestamp that apply inside this element
}

interface SuiteContext {
  suite: string | null; // outermost named suite
  suitePath: string[]; // every named suite, outermost first
  runAt: Date | null; // timestamp of the innermost suite that has a valid one
}

const NO_SUITE: SuiteContext = { suite: null, suitePath: [], runAt: null };

/** Message cap: the first line of a failure, at most this many characters. */
export const MESSAGE_CAP = 500;
const TEXT_CAP = 4096; // text kept per failure element while looking for its first line

/**
 * Deepest element nesting read. Real reports nest a handful of suites; each open suite keeps
 * its path and tags, so depth d costs O(d²): 100,000 nested suites (3 MB) took the heap down.
 * Deeper input is a reader error, so the file becomes a reject with the cases before it kept.
 */
export const MAX_NESTING = 256;

const STATUS_OF: Record<string, TestStatus> = { failure: 'fail', error: 'error', skipped: 'skip' };
const CONTAINERS = new Set(['testsuites', 'testsuite']);

export interface ReaderEvents {
  onCase(c: ParsedCase): void;
  /** Called after a testcase or testsuite closes at a point where a chunk may be cut. */
  onCut?(position: number): void;
  /**
   * The verbatim open tag that ends at this position: the input from the last "<" before it
   * (the chunker holds the text; "<" cannot occur inside a well-formed tag).
   */
  tagText?(end: number): string;
}

export class JUnitReader {
  private readonly parser: SaxesParser;
  private readonly stack: OpenElement[] = [];
  private current: ParsedCase | null = null;
  private caseText: string | null = null; // failure text of the current case, while its first line is sought
  private caseDepth = -1;
  private failureDepth = -1;
  private ordinal: number;
  /** First error met (malformed XML, DOCTYPE); reading stops there. */
  error: string | null = null;
  cases = 0;
  suites = 0;
  earliest: Date | null = null;

  constructor(private readonly events: ReaderEvents, firstOrdinal = 0) {
    this.ordinal = firstOrdinal;
    const p = new SaxesParser({ position: true });
    this.parser = p;
    p.on('doctype', () => this.fail('a DOCTYPE is not accepted (entities are never declared or expanded)'));
    p.on('error', (err) => this.fail(err.message));
    p.on('opentag', (t) => this.open(t as SaxesTagPlain));
    p.on('closetag', (t) => this.closeElement(t.name));
    // 'text' is listened to only inside a failure/error/skipped element that has no message
    // attribute: saxes skips collecting text nobody listens to (most of a report's text)
    p.on('cdata', (text) => this.text(text));
  }

  private readonly onText = (text: string): void => this.text(text);

  /** The absolute position (JS string index) the parser has read up to. */
  get position(): number {
    return this.parser.position;
  }

  /** Verbatim open tags of the containers around the current position (chunk prefix). */
  openTags(): string {
    return this.stack[this.stack.length - 1]?.open ?? '';
  }

  /** Closing tags for everything open now (chunk suffix). */
  closeTags(): string {
    return this.stack[this.stack.length - 1]?.close ?? '';
  }

  private outsideContainers = 0; // open elements on the stack other than <testsuites>/<testsuite>: no cut inside them

  write(text: string): void {
    if (this.error) return;
    try {
      this.parser.write(text);
    } catch (err) {
      this.fail((err as Error).message); // a handler threw: keep it as the reader's error
    }
  }

  close(): void {
    if (this.error) return;
    if (this.stack.length > 0 || this.current) {
      this.fail(`unexpected end of input: <${(this.current ? 'testcase' : this.stack[this.stack.length - 1]?.name)}> is not closed`);
      return;
    }
    try {
      this.parser.close();
    } catch (err) {
      this.fail((err as Error).message);
    }
  }

  private fail(message: string): void {
    if (!this.error) this.error = `line ${this.parser.line}, column ${this.parser.column}: ${message}`;
  }

  private open(t: SaxesTagPlain): void {
    if (this.error) return;
    if (this.stack.length + (this.current ? this.caseDepth + 2 : 1) > MAX_NESTING) {
      this.fail(`<${t.name}> is nested more than ${MAX_NESTING} elements deep`);
      return;
    }
    const attrs = t.attributes as Record<string, string>;
    // saxes fires closetag for self-closing tags too, so depth bookkeeping is uniform
    if (this.current) {
      this.caseDepth++;
      if (this.failureDepth === -1 && t.name in STATUS_OF) this.startStatus(t.name, attrs);
      return;
    }
    if (t.name === 'testcase') {
      this.startCase(attrs);
      this.caseDepth = 0;
      return;
    }
    const openTag = this.events.tagText?.(this.parser.position) ?? '';
    const parent = this.stack[this.stack.length - 1];
    // built once per element, so a cut or a testcase inside it costs nothing
    this.stack.push({
      name: t.name, open: (parent?.open ?? '') + openTag, close: `</${t.name}>${parent?.close ?? ''}`,
      context: t.name === 'testsuite' ? suiteContext(parent?.context ?? NO_SUITE, attrs) : (parent?.context ?? NO_SUITE),
    });
    if (!CONTAINERS.has(t.name)) this.outsideContainers++;
    if (t.name === 'testsuite') this.suites++;
  }

  private startCase(attrs: Record<string, string>): void {
    const { suite, suitePath, runAt } = this.stack[this.stack.length - 1]?.context ?? NO_SUITE;
    const line = attrs.line === undefined ? NaN : lineNumber(attrs.line);
    this.current = {
      ordinal: this.ordinal++,
      suite,
      suitePath,
      className: attrs.class || attrs.classname || null,
      name: attrs.name ?? null,
      file: attrs.file || null,
      line: Number.isFinite(line) ? line : null,
      status: 'pass',
      originalStatus: 'none',
      durationMs: parseJUnitSeconds(attrs.time),
      message: null,
      runAt,
    };
    this.caseText = null;
  }

  private startStatus(name: string, attrs: Record<string, string>): void {
    const c = this.current!;
    // error outranks failure outranks skipped when a case carries several (rare, but seen)
    const rank = { pass: 0, skip: 1, fail: 2, error: 3 };
    const next = STATUS_OF[name];
    if (rank[next] < rank[c.status]) return;
    c.status = next;
    c.originalStatus = name;
    c.message = firstLine(attrs.message ?? '');
    this.caseText = c.message ? null : '';
    this.failureDepth = this.caseDepth;
    if (this.caseText === null) this.parser.off('text');
    else this.parser.on('text', this.onText);
  }

  private text(text: string): void {
    const t = this.caseText;
    if (!this.current || t === null || this.caseDepth !== this.failureDepth) return;
    if (t.length < TEXT_CAP) this.caseText = t + text.slice(0, TEXT_CAP - t.length);
  }

  private closeElement(name: string): void {
    if (this.error) return;
    if (this.current) {
      if (this.caseDepth === 0 && name === 'testcase') {
        this.endCase();
        return;
      }
      if (this.caseDepth === this.failureDepth) this.endStatus();
      this.caseDepth--;
      return;
    }
    const top = this.stack.pop();
    if (top && !CONTAINERS.has(top.name)) this.outsideContainers--;
    if (top && CONTAINERS.has(top.name) && this.outsideContainers === 0) {
      this.events.onCut?.(this.parser.position);
    }
  }

  private endStatus(): void {
    const c = this.current!;
    if (this.caseText !== null) c.message = firstLine(this.caseText);
    this.caseText = null;
    this.failureDepth = -1;
    this.parser.off('text');
  }

  private endCase(): void {
    const parsed = this.current!;
    if (this.caseText !== null) {
      parsed.message = firstLine(this.caseText);
      this.parser.off('text');
    }
    this.caseText = null;
    this.current = null;
    this.caseDepth = -1;
    this.failureDepth = -1;
    this.cases++;
    if (parsed.runAt && (!this.earliest || parsed.runAt < this.earliest)) this.earliest = parsed.runAt;
    this.events.onCase(parsed);
    if (this.outsideContainers === 0) this.events.onCut?.(this.parser.position);
  }
}

/** First non-empty line, trimmed and capped; null when there is none. */
export function firstLine(text: string): string | null {
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const t = text.slice(start, end).trim();
    if (t) return t.length > MESSAGE_CAP ? `${t.slice(0, MESSAGE_CAP - 1)}…` : t;
    start = end + 1;
  }
  return null;
}

/** The context inside a <testsuite>: its name appended to the path, its timestamp when valid. */
function suiteContext(outer: SuiteContext, attrs: Record<string, string>): SuiteContext {
  const suitePath = attrs.name ? [...outer.suitePath, attrs.name] : outer.suitePath;
  return { suite: suitePath[0] ?? null, suitePath, runAt: parseJUnitTimestamp(attrs.timestamp) ?? outer.runAt };
}

/** A `line` attribute: plain digits read directly, anything else as parseInt reads it. */
function lineNumber(value: string): number {
  const n = plainDecimal(value);
  return Number.isInteger(n) ? n : Number.parseInt(value, 10);
}

const DATA_SET = ' with data set ';

/** PHPUnit data-provider cases: "testFoo with data set #3" or 'with data set "name"'. */
export function dataSetOf(name: string): string | null {
  const at = name.indexOf(DATA_SET);
  if (at === -1) return null;
  // the common form, "… with data set #<digits>" at the end, without the regex
  const start = at + DATA_SET.length;
  let i = start + 1;
  while (i < name.length && name.charCodeAt(i) >= 0x30 && name.charCodeAt(i) <= 0x39) i++;
  if (name.charCodeAt(start) === 0x23 && i > start + 1 && i === name.length) return name.slice(start);
  const m = / with data set (#\d+|".*")(?: \(.*\))?$/.exec(name);
  return m ? m[1] : null;
}
