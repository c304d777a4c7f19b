// sal.toolforge.org pages (bd808/SAL templates `sal.html` + `inc/log.html`, `sal.atom`):
// the HTML table rows under their day separators, and Atom entries. Pure: page text in,
// rows or entries out. The message cell is linkified HTML; removing the tags gives the
// message back (linkify only wraps text in <a>).
import { parseDayTime, parseSalTimestamp, type SalEntry } from './entry.ts';

export interface HtmlRow {
  day: string | null;
  html: string; // the <tr>…</tr> as in the page
}

const DAY = /<a class="day"[^>]*>\s*(\d{4}-\d{2}-\d{2})\s*<\/a>/g;
const ROW = /<tr>(?:(?!<\/tr>)[\s\S])*?class="time"[\s\S]*?<\/tr>/g;

export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k[0] === '#') return String.fromCodePoint(k[1] === 'x' ? parseInt(k.slice(2), 16) : Number(k.slice(1)));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[k];
  });
}

function textOf(html: string): string {
  return unescapeHtml(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** Every entry row of a SAL HTML page with the day separator above it. */
export function htmlRows(page: string): HtmlRow[] {
  const marks = [...page.matchAll(DAY)].map((m) => ({ at: m.index, day: m[1] }));
  return [...page.matchAll(ROW)].map((m) => {
    const above = marks.filter((d) => d.at < m.index).pop();
    return { day: above?.day ?? null, html: m[0] };
  });
}

/** One `<tr>` of the SAL table → the entry, or why not. */
export function parseHtmlRow(row: HtmlRow): SalEntry | string {
  const cell = (cls: string) => new RegExp(`<td class="${cls}">([\\s\\S]*?)</td>`).exec(row.html)?.[1];
  const time = cell('time');
  const id = time ? /href="[^"]*\/log\/([^"/?#]+)"/.exec(time)?.[1] ?? null : null;
  const hhmm = time ? textOf(time) : '';
  if (!row.day) return 'SAL row before any day separator (<a class="day">)';
  const loggedAt = parseDayTime(row.day, hhmm);
  if (!loggedAt) return `SAL row without a readable time ("${hhmm}") on ${row.day}`;
  const nick = textOf(cell('nick') ?? '').replace(/^<|>$/g, '');
  const project = textOf(cell('project') ?? '').replace(/^\[|\]$/g, '') || null;
  return { id, loggedAt, nick, message: textOf(cell('message') ?? ''), project, channel: null };
}

/**
 * The `<entry>` blocks of a SAL Atom feed, and the feed title (the project). An entry that
 * is not closed before the next one opens or the feed ends (a truncated download) is kept
 * as it is, up to there, so normalize turns it into a reject instead of it vanishing.
 */
export function atomEntries(feed: string): { project: string | null; entries: string[] } {
  const [head, ...parts] = feed.split('<entry>');
  const project = /<title>([\s\S]*?)<\/title>/.exec(head)?.[1]?.trim() ?? null;
  const entries = parts.map((p) => {
    const end = p.indexOf('</entry>');
    return end === -1 ? `<entry>${p}` : `<entry>${p.slice(0, end)}</entry>`;
  });
  return { project, entries };
}

export function parseAtomEntry(xml: string, project: string | null): SalEntry | string {
  if (!xml.trimEnd().endsWith('</entry>')) {
    return `Atom entry is not closed (no </entry>: the feed is truncated or malformed): ${JSON.stringify(xml.slice(0, 80))}`;
  }
  const tag = (t: string) => new RegExp(`<${t}[^>]*>([\\s\\S]*?)</${t}>`).exec(xml)?.[1];
  const stamp = tag('published') ?? tag('updated');
  const loggedAt = parseSalTimestamp(stamp?.trim());
  if (!loggedAt) return `Atom entry without a readable <published> time (${JSON.stringify(stamp ?? null)})`;
  const idUrl = tag('id')?.trim() ?? '';
  const id = /\/log\/([^/?#\s]+)$/.exec(idUrl)?.[1] ?? null;
  const nick = unescapeHtml(tag('name')?.trim() ?? '');
  return { id, loggedAt, nick, message: unescapeHtml(tag('title') ?? '').trim(), project, channel: null };
}
