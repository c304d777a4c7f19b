// Reads the rendered Deployments page (action=parse HTML) the way jouncebot does
// (wikimedia-bots-jouncebot jouncebot/deploypage.py): every `.deploycal-item` element
// with `id`, `data-utcstart`, `data-utcend`; inside it `.deploycal-item-window` (the
// name), `.deploycal-item-deployer .ircnick` and `.deploycal-item-changes .ircnick`
// (requesters; the placeholder "irc-nickname" dropped), plus Gerrit links in the changes.
// No DOM: the page is cut at each item's opening tag and at its section markers. Pure.
import type { Reject } from '../types.ts';
import { requestedChanges, type CalendarEntry } from './entry.ts';
import { plainText } from './names.ts';
import { parseUtcAttribute } from './time.ts';

const TAG = /<([a-zA-Z][\w-]*)\b([^>]*)>/g;

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

function hasClass(attrs: string, cls: string): boolean {
  return (attr(attrs, 'class') ?? '').split(/\s+/).includes(cls);
}

interface Marker {
  at: number; // index just after the opening tag
  cls: string;
}

const SECTIONS = ['deploycal-item-window', 'deploycal-item-deployer', 'deploycal-item-changes'];

function sectionText(html: string, markers: Marker[], cls: string, end: number): string {
  const i = markers.findIndex((m) => m.cls === cls);
  if (i < 0) return '';
  return html.slice(markers[i].at, markers[i + 1]?.at ?? end);
}

function nicksIn(fragment: string): string[] {
  const out: string[] = [];
  for (const m of fragment.matchAll(TAG)) {
    if (!hasClass(m[2], 'ircnick')) continue;
    const text = plainText(fragment.slice(m.index + m[0].length).split('<')[0]);
    if (text && text !== 'irc-nickname' && !out.includes(text)) out.push(text);
  }
  return out;
}

export function parseCalendarHtml(html: string, file: string): { entries: CalendarEntry[]; rejects: Reject[] } {
  const items: { at: number; attrs: string }[] = [];
  const markers: Marker[] = [];
  for (const m of html.matchAll(TAG)) {
    if (hasClass(m[2], 'deploycal-item')) items.push({ at: m.index, attrs: m[2] });
    const cls = SECTIONS.find((c) => hasClass(m[2], c));
    if (cls) markers.push({ at: m.index + m[0].length, cls });
  }
  const entries: CalendarEntry[] = [];
  const rejects: Reject[] = [];
  items.forEach((item, i) => {
    const end = items[i + 1]?.at ?? html.length;
    const id = attr(item.attrs, 'id');
    const location = `${file}#${id ?? `item-${i + 1}`}`;
    const start = parseUtcAttribute(attr(item.attrs, 'data-utcstart') ?? '');
    const stop = parseUtcAttribute(attr(item.attrs, 'data-utcend') ?? '');
    if (!start || !stop || stop <= start) {
      rejects.push({ location, reason: `unreadable data-utcstart/data-utcend ("${attr(item.attrs, 'data-utcstart')}", "${attr(item.attrs, 'data-utcend')}")` });
      return;
    }
    const own = markers.filter((m) => m.at > item.at && m.at < end);
    const window = sectionText(html, own, 'deploycal-item-window', end);
    const changes = sectionText(html, own, 'deploycal-item-changes', end);
    entries.push({
      start, end: stop, rawName: window.trim() === '' ? 'Unnamed window' : window,
      deployers: nicksIn(sectionText(html, own, 'deploycal-item-deployer', end)),
      requesters: nicksIn(changes), requested: requestedChanges(changes), location,
    });
  });
  return { entries, rejects };
}
