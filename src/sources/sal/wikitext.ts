// Line readers for the text forms of the SAL: wikitech archive pages (`== YYYY-MM-DD ==`
// sections, `* HH:MM nick: message`, stashbot's `* {{safesubst:SAL entry|1=HH:MM nick: msg}}`
// since 2016-11, FORMATS.md §2.4) and the rendered sal.toolforge.org text (`YYYY-MM-DD` day
// lines, `HH:MM   <nick>  message`). Pure: a line and its day in, an entry or a reason out.
import { parseDayTime, type SalEntry } from './entry.ts';

const HEADER = /^(=+)\s*(\d{4}-\d{2}-\d{2})\s*\1\s*$/;
const BARE_DAY = /^\s*(\d{4}-\d{2}-\d{2})\s*$/;
const TEMPLATE = /^\{\{\s*(?:safesubst:|subst:)?\s*SAL[ _]entry\s*\|\s*(?:1\s*=\s*)?([\s\S]*?)\s*\}\}\s*$/i;
const WIKI_LINE = /^(\d{1,2}:\d{2})\s+([^\s:]+?):\s+([\s\S]*)$/;
const ANGLE_LINE = /^(\d{1,2}:\d{2})\s+<([^>\s]+)>\s+([\s\S]*?)(?:\s+\[([\w.-]+)\])?$/;

/** The day a line opens (`== 2016-11-22 ==` or a bare `2018-05-26` line), or null. */
export function parseDayHeader(line: string): string | null {
  return HEADER.exec(line.trim())?.[2] ?? BARE_DAY.exec(line)?.[1] ?? null;
}

/** Lines that are page structure, not entries and not errors. */
export function isStructural(line: string): boolean {
  const t = line.trim();
  if (/^\{\{[^{}]*\}\}$/.test(t) && !TEMPLATE.test(t)) return true; // a navigation or notice template
  return t === '' || /^(=+)[^=]*\1$/.test(t) || /^__[A-Z]+__$/.test(t) || /^<!--.*-->$/.test(t);
}

/** Undoes stashbot's escaping inside the template: `{{!}}` → `|`, nowiki-wrapped braces. */
function unescapeTemplate(text: string): string {
  return text.replace(/\{\{!\}\}/g, '|').replace(/<nowiki>([\s\S]*?)<\/nowiki>/g, '$1');
}

/** One entry line of a day section → the entry, or why it is not one. */
export function parseWikiLine(day: string | null, line: string): Omit<SalEntry, 'id'> | string {
  if (!day) return 'entry line before any dated section header (== YYYY-MM-DD ==)';
  let body = line.trim().replace(/^[*•#]+\s*/, '');
  const tpl = TEMPLATE.exec(body);
  if (tpl) body = unescapeTemplate(tpl[1]);
  body = body.replace(/^(?:<[^>]+>\s*)+/, '');
  const wiki = WIKI_LINE.exec(body);
  const angle = wiki ? null : ANGLE_LINE.exec(body);
  const m = wiki ?? angle;
  if (!m) return 'not a SAL entry line (expected "* HH:MM nick: message")';
  const loggedAt = parseDayTime(day, m[1]);
  if (!loggedAt) return `bad time "${m[1]}" on ${day}`;
  return { loggedAt, nick: m[2], message: m[3], project: angle?.[4] ?? null, channel: null };
}
