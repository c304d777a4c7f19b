// One incident report → its fields. Reads the three eras of wikitech reports: free-form
// 2015–2018 (Summary / Timeline / Conclusions / Actionables), the 2019 template (Summary,
// Impact, Detection, Timeline with OUTAGE BEGINS / OUTAGE ENDS, Conclusions, Actionables),
// and 2022+ `Incidents/…` pages ({{irdoc|status=…}}, an incident metadata template with
// start=/end= when present). Headings are `== X ==` in wikitext, a bare line in the
// rendered text. Pure.
import { findRefs, type Ref } from './refs.ts';
import { dateOfTitle, parseTimeline, type TimelineEntry } from './timeline.ts';

export interface IncidentReport {
  title: string;
  id: string; // "2018-03-12 Cache-text", "2022-05-01 Name"
  status: string | null; // draft, review, final
  startedAt: Date | null;
  startedBy: string | null; // metadata | marker | keyword | first-entry
  endedAt: Date | null;
  endedBy: string | null;
  detectedAt: Date | null;
  summary: string | null;
  detection: string | null;
  tasks: Ref<string>[];
  changes: Ref<number>[];
  sal: Ref<string>[];
  timeline: TimelineEntry[];
  /** Per timeline entry, what it marks for the times above: start, end, detection. */
  marks: string[][];
}

const KNOWN_HEADINGS = /^(summary|impact|detection|timeline|conclusions?|actionables|what went well\??|what went poorly\??|where did we get lucky\??|links to relevant documentation|scorecard|incident metadata)$/i;

/** Sections by lower-cased heading; text before the first heading is under "". */
export function splitSections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>([['', []]]);
  let cur = '';
  for (const line of text.split('\n')) {
    const wiki = /^(=+)\s*(.*?)\s*\1\s*$/.exec(line);
    const bare = !wiki && KNOWN_HEADINGS.test(line.trim()) ? line.trim() : null;
    if (wiki || bare) {
      cur = (wiki ? wiki[2] : bare!).toLowerCase().replace(/\?$/, '');
      if (!out.has(cur)) out.set(cur, []);
      continue;
    }
    out.get(cur)!.push(line);
  }
  return out;
}

function plain(lines: string[] | undefined): string | null {
  if (!lines) return null;
  const text = lines.join('\n')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[https?:\/\/\S+\s+([^\]]*)\]/g, '$1')
    .replace(/'{2,}/g, '')
    .replace(/<[^>]+>/g, '')
    .split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean)[0];
  return text ? text.slice(0, 2000) : null;
}

/** The page title from a file name ("Incident_documentation-20180312-Cache-text.wikitext") or a title line in the text. */
export function titleOf(name: string, text: string): string {
  const line = text.split('\n').slice(0, 6).map((l) => l.trim()).find((l) => /^(Incidents|Incident documentation)\/\S/.test(l));
  if (line) return line;
  if (/^(Incidents|Incident[ _]documentation)\//.test(name)) return name.replace(/_/g, ' '); // a page title (api.php)
  const base = name.replace(/^.*\//, '').replace(/\.(rendered\.)?(wikitext|wiki|txt|mediawiki)$/i, '').replace(/_/g, ' ');
  return base.replace(/^(Incident documentation|Incidents)[-/]/, '$1/');
}

/** "Incident documentation/20180312-Cache-text" → "2018-03-12 Cache-text"; undated titles are kept as they are. */
export function incidentIdOf(title: string): string {
  const page = title.replace(/^(Incident documentation|Incidents)\//, '');
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[\s_-]*(.*)$/.exec(page);
  return m ? `${m[1]}-${m[2]}-${m[3]}${m[4] ? ` ${m[4].trim()}` : ''}` : page;
}

function metadataTime(text: string, name: 'start' | 'end'): Date | null {
  const m = new RegExp(`\\|\\s*${name}\\s*=\\s*(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2})?)`).exec(text);
  return m ? new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}Z`) : null;
}

function pick(t: TimelineEntry[], marker: RegExp, keyword: RegExp): { at: Date; by: string; entry: TimelineEntry } | null {
  const hit = t.find((e) => marker.test(e.text));
  if (hit) return { at: hit.at, by: 'marker', entry: hit };
  const kw = t.find((e) => keyword.test(e.text));
  return kw ? { at: kw.at, by: 'keyword', entry: kw } : null;
}

export function parseIncidentReport(name: string, text: string): IncidentReport {
  const title = titleOf(name, text);
  const sections = splitSections(text);
  const timeline = parseTimeline(sections.get('timeline') ?? [], dateOfTitle(title));
  const metaStart = metadataTime(text, 'start');
  const metaEnd = metadataTime(text, 'end');
  const begins = pick(timeline, /OUTAGE BEGINS/i, /\b(incident|outage|problem|impact)\s+(begins|began|starts|started)\b/i);
  const ends = pick(timeline, /OUTAGE ENDS/i, /\b(incident|outage|impact)\s+(ends|ended|mitigated|resolved|over)\b|\b(mitigated|resolved|recovered)\b/i);
  const startedAt = metaStart ?? begins?.at ?? timeline[0]?.at ?? null;
  const endedAt = metaEnd ?? ends?.at ?? (timeline.length > 1 ? timeline[timeline.length - 1].at : null);
  const detected = timeline.find((e) => startedAt && e.at >= startedAt && /\b(pag(ed|es|ing)|alert(s|ed)?|icinga|first report|reported|detected|noticed)\b/i.test(e.text));
  const refs = findRefs(text);
  // the line each time was read from (none when the metadata gave it)
  const startLine = metaStart ? null : begins?.entry ?? timeline[0] ?? null;
  const endLine = metaEnd || (endedAt && startedAt && endedAt < startedAt) ? null : ends?.entry ?? (timeline.length > 1 ? timeline[timeline.length - 1] : null);
  const marks = timeline.map((e) => [e === startLine && 'start', e === endLine && 'end', e === detected && 'detection'].filter((m): m is string => !!m));
  return {
    title, id: incidentIdOf(title),
    status: /\{\{\s*irdoc[-|]\s*(?:status\s*=\s*)?(draft|review|final)/i.exec(text)?.[1]?.toLowerCase() ?? /document status:\s*(draft|review|final)/i.exec(text)?.[1]?.toLowerCase() ?? null,
    startedAt, startedBy: metaStart ? 'metadata' : begins?.by ?? (timeline[0] ? 'first-entry' : null),
    endedAt: endedAt && startedAt && endedAt < startedAt ? null : endedAt,
    endedBy: metaEnd ? 'metadata' : ends?.by ?? (timeline.length > 1 ? 'last-entry' : null),
    detectedAt: detected?.at ?? null,
    summary: plain(sections.get('summary')), detection: plain(sections.get('detection')),
    tasks: refs.tasks, changes: refs.changes, sal: refs.sal, timeline, marks,
  };
}
