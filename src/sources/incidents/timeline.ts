// Incident timelines: bullet lines `* HH:MM text`, `* YYYY-MM-DD HH:MM text`,
// `* [[toolforge:sal/log/<id>|HH:MM]] text` (2015–2018 reports link SAL entries), dated from
// the page title (YYYYMMDD or YYYY-MM-DD), from a date line (`'''2019-03-27'''`, `;2019-03-27`)
// or from an explicit date on the line; a time earlier than the previous one without a
// date rolls over to the next day. An explicit date more than 31 days from the title's is
// taken for a typo (the real 2019-03-28 commons report has "2017-03-27") and ignored. Pure.

export interface TimelineEntry {
  at: Date;
  text: string; // the line without bullet and time
  line: string; // the line as written (evidence)
  salId: string | null;
}

const BULLET = /^\s*(?:[*#•-]+|\d+\.)\s*/;
const DATE = /(\d{4})-(\d{2})-(\d{2})/;
const SAL_TIME = /^\[\[toolforge:sal\/log\/([\w-]+)\|(\d{1,2}):(\d{2})(?::(\d{2}))?\]\]/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\b/;

/** The date in a page title: "20180312-Cache-text" or "2022-05-01 Name" → UTC midnight. */
export function dateOfTitle(title: string): Date | null {
  const m = /(?:^|[/\s_-])(\d{4})-?(\d{2})-?(\d{2})(?=$|[\s_-])/.exec(title);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}

function dayOf(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

const DAY = 86400_000;

/** Timeline entries of the lines of a Timeline section, in order. */
export function parseTimeline(lines: string[], titleDate: Date | null): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let day = titleDate;
  let last: number | null = null;
  const plausible = (d: Date) => !titleDate || Math.abs(d.getTime() - titleDate.getTime()) <= 31 * DAY;
  for (const raw of lines) {
    let rest = raw.replace(BULLET, '').replace(/^'''|'''/g, '').trim();
    const isBullet = BULLET.test(raw) && raw.trim() !== '';
    const leadDate = /^;?\s*(\d{4}-\d{2}-\d{2})\b/.exec(rest);
    if (leadDate) {
      const d = dayOf(leadDate[1]);
      if (d && plausible(d)) {
        day = d;
        last = null;
      }
      rest = rest.slice(leadDate[0].length).replace(/^[\s,:]+/, '');
    }
    if (!isBullet && rest === '') continue;
    let salId: string | null = null;
    let m = SAL_TIME.exec(rest);
    if (m) salId = m[1];
    else m = TIME.exec(rest);
    if (!m || !day) continue;
    const off = salId ? 1 : 0;
    const [h, mi, s] = [Number(m[1 + off]), Number(m[2 + off]), Number(m[3 + off] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) continue;
    let at = day.getTime() + ((h * 60 + mi) * 60 + s) * 1000;
    if (!leadDate && last !== null && at < last - 3600_000) {
      day = new Date(day.getTime() + DAY); // past midnight without a new date
      at += DAY;
    }
    last = at;
    const text = rest.slice(m[0].length).replace(/^[\s:–-]+/, '').trim();
    out.push({ at: new Date(at), text, line: raw.trim(), salId });
  }
  return out;
}
