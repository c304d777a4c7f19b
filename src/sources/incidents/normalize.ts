// Raw incident reports → `incidents` rows, their dated timeline lines (`incident_timeline`,
// each with what it marks: start, end, detection) and incident → task / change links (rule
// `incident-reference`, high confidence, the report line as evidence). Links to
// deployments need other sources' rows: SQL rules src/link/incident-reference.sql and
// incident-time-proximity.sql. Pure: no clock, no I/O.
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Reject } from '../types.ts';
import { DEFAULT_PRECEDING_HOURS } from './config.ts';
import { parseIncidentReport } from './report.ts';

const WIKITECH = 'https://wikitech.wikimedia.org/wiki/';

export function normalizeIncidents(records: RawRecord[], _ctx: NormalizeContext): Output<'incidents' | 'incident_timeline' | 'links'> {
  const out = output('incidents', 'incident_timeline', 'links');
  for (const rec of records) {
    const q = rec.key.indexOf('?');
    const name = q >= 0 ? rec.key.slice(0, q) : rec.key;
    const hours = Number(new URLSearchParams(q >= 0 ? rec.key.slice(q + 1) : '').get('preceding_hours') ?? DEFAULT_PRECEDING_HOURS);
    const reject = (reason: string) => out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? name, reason });
    if (rec.kind !== 'report') {
      reject(`unknown incidents record kind "${rec.kind}"`);
      continue;
    }
    const r = parseIncidentReport(name, rec.payload);
    if (!r.summary && r.timeline.length === 0) {
      reject('not an incident report: no Summary or Timeline section');
      continue;
    }
    const incidentKey = keys.incident(r.id);
    out.rows.incidents.push({
      incident_key: incidentKey, title: r.title, started_at: r.startedAt, detected_at: r.detectedAt, ended_at: r.endedAt,
      summary: r.summary, detection: r.detection, url: WIKITECH + encodeURI(r.title.replace(/ /g, '_')),
      tasks: r.tasks.map((t) => t.value), changes: r.changes.map((c) => c.value), status: r.status,
      started_by: r.startedBy, ended_by: r.endedBy, sal_ids: r.sal.map((s) => s.value), preceding_hours: hours, raw_id: rec.rawId,
    });
    r.timeline.forEach((e, i) => out.rows.incident_timeline.push({
      line_key: `${incidentKey}/${i + 1}`, incident_key: incidentKey, seq: i + 1, occurred_at: e.at, text: e.text, line: e.line,
      sal_id: e.salId, marks: r.marks[i].join(' ') || null, raw_id: rec.rawId,
    }));
    if (!r.startedAt) reject(`no time found for the start of the outage (no Timeline "HH:MM" lines and no start= metadata) in ${r.title}`);
    const seen = r.startedAt ?? null;
    for (const t of r.tasks) {
      out.rows.links.push({ src_key: incidentKey, dst_key: keys.task(t.value), rule: 'incident-reference', evidence: t.line, confidence: 'high', first_seen_at: seen, raw_id: rec.rawId });
    }
    for (const c of r.changes) {
      out.rows.links.push({ src_key: incidentKey, dst_key: keys.change(DEFAULT_GERRIT_HOST, c.value), rule: 'incident-reference', evidence: c.line, confidence: 'high', first_seen_at: seen, raw_id: rec.rawId });
    }
  }
  return out;
}
