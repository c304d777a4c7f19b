// Reads the Deployments page wikitext: `{{Deployment calendar event card |when= |length=
// |window= |who= |what=}}` (2020s) and the older `{{#invoke:Deployment schedule|row …}}`
// rows, with `when` in San Francisco time (time.ts). Templates nest ({{ircnick}},
// {{deploy}} inside `what`), so cards are cut by brace depth, not by regex. Pure.
import type { Reject } from '../types.ts';
import { deployersOf, ircNicks, requestedChanges, type CalendarEntry } from './entry.ts';
import { plainText } from './names.ts';
import { parseCalendarWhen, parseLengthHours } from './time.ts';

const CARD_START = /\{\{\s*(?:Deployment calendar event card|#invoke:\s*Deployment schedule\s*\|\s*row)\s*\|/gi;

/** The text between `{{` at `open` and its matching `}}`, or null when unbalanced. */
function templateBody(text: string, open: number): string | null {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && text[i + 1] === '}') {
      depth--;
      i++;
      if (depth === 0) return text.slice(open + 2, i - 1);
    }
  }
  return null;
}

/** Top-level `|name=value` parameters of a template body (nested templates and links kept whole). */
export function templateParams(body: string): Record<string, string> {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const two = body.slice(i, i + 2);
    if (two === '{{' || two === '[[') {
      depth++;
      cur += two;
      i++;
    } else if ((two === '}}' || two === ']]') && depth > 0) {
      depth--;
      cur += two;
      i++;
    } else if (body[i] === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += body[i];
  }
  parts.push(cur);
  const out: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq > 0) out[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
  }
  return out;
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function parseCalendarWikitext(text: string, file: string): { entries: CalendarEntry[]; rejects: Reject[] } {
  const entries: CalendarEntry[] = [];
  const rejects: Reject[] = [];
  for (const m of text.matchAll(CARD_START)) {
    const location = `${file}:${lineOf(text, m.index)}`;
    const body = templateBody(text, m.index);
    if (body === null) {
      rejects.push({ location, reason: 'event card is not closed with }}' });
      continue;
    }
    const p = templateParams(body);
    const start = parseCalendarWhen(p.when ?? '');
    const length = parseLengthHours(p.length);
    if (!start || length === null) {
      rejects.push({ location, reason: `unreadable when="${p.when ?? ''}" or length="${p.length ?? ''}"` });
      continue;
    }
    if (!p.window) {
      rejects.push({ location, reason: 'event card has no window= name' });
      continue;
    }
    const what = p.what ?? '';
    entries.push({
      start, end: new Date(start.getTime() + length), rawName: p.window,
      deployers: deployersOf(p.who ?? '', plainText), requesters: ircNicks(what),
      requested: requestedChanges(what), location,
    });
  }
  return { entries, rejects };
}
