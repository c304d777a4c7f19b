// Incident reports of every era → incidents rows and reference links.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../types.ts';
import { normalizeIncidents } from './normalize.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const rec = (name: string, hours = 4): RawRecord => ({
  rawId: `incidents:report:${name}#0`, source: 'incidents', scope: 's', kind: 'report', key: `${name}?preceding_hours=${hours}`,
  url: `/r/${name}`, payload: fixture(name), contentHash: '0', fetchedAt: new Date(0),
});

describe('normalizeIncidents', () => {
  it('reads a 2018 free-form report: keyword times dated from the title, SAL permalinks, tasks and changes', () => {
    const out = normalizeIncidents([rec('Incident_documentation-20180312-Cache-text.wikitext')], { source: 'incidents', scope: 's' });
    expect(out.rejects).toEqual([]);
    expect(out.rows.incidents[0]).toMatchObject({
      incident_key: 'incident:2018-03-12 Cache-text', title: 'Incident documentation/20180312-Cache-text',
      started_at: new Date('2018-03-12T05:08:00Z'), started_by: 'keyword', ended_at: new Date('2018-03-12T08:32:00Z'), ended_by: 'keyword',
      tasks: ['T181315', 'T96853'], changes: [419090], sal_ids: ['AWIZPsfZkkJ8OkTwiOnZ', 'AWIZV1n3kkJ8OkTwiOn9'],
      url: 'https://wikitech.wikimedia.org/wiki/Incident_documentation/20180312-Cache-text', preceding_hours: 4,
    });
    expect(out.rows.incidents[0].summary).toMatch(/^From 05:08 to 08:32 UTC on Monday, 12 March 2018/);
    expect(out.rows.links.map((l) => [l.dst_key, l.rule, l.confidence])).toEqual([
      ['task:T181315', 'incident-reference', 'high'], ['task:T96853', 'incident-reference', 'high'],
      ['change:gerrit.wikimedia.org:419090', 'incident-reference', 'high'],
    ]);
    expect(out.rows.links[2].evidence).toBe('*Move backend restarts from weekly to bi-weekly (done in [[gerrit:419090]])');
    // the timeline lines, stored as written, with the line each time was read from
    expect(out.rows.incident_timeline.map((l) => [l.line_key, l.occurred_at.toISOString(), l.sal_id, l.marks])).toEqual([
      ['incident:2018-03-12 Cache-text/1', '2018-03-12T05:08:00.000Z', null, 'start'],
      ['incident:2018-03-12 Cache-text/2', '2018-03-12T08:06:00.000Z', 'AWIZPsfZkkJ8OkTwiOnZ', null],
      ['incident:2018-03-12 Cache-text/3', '2018-03-12T08:32:00.000Z', 'AWIZV1n3kkJ8OkTwiOn9', null],
      ['incident:2018-03-12 Cache-text/4', '2018-03-12T08:32:00.000Z', null, 'end'],
    ]);
    expect(out.rows.incident_timeline[3]).toMatchObject({ text: 'Incident mitigated.', line: '* 08:32 Incident mitigated.', seq: 4 });
  });

  it('prefers the 2022+ metadata times, reads status and detection, rolls the timeline past midnight', () => {
    const out = normalizeIncidents([rec('Incidents-2024-12-04_Echo_fatals.wikitext', 6)], { source: 'incidents', scope: 's' });
    const i = out.rows.incidents[0];
    expect(i).toMatchObject({
      incident_key: 'incident:2024-12-04 Echo fatals', status: 'final', started_by: 'metadata', ended_by: 'metadata',
      started_at: new Date('2024-12-04T21:20:00Z'), ended_at: new Date('2024-12-04T21:58:00Z'), detected_at: new Date('2024-12-04T21:24:00Z'),
      changes: [1100200, 1100300], tasks: ['T380002', 'T380003'], sal_ids: ['AbCdEf0123'], preceding_hours: 6,
    });
    expect(i.detection).toMatch(/^Automated alerting/);
    // times from the metadata: no line marks start or end; the detection line is marked
    const marked = out.rows.incident_timeline.filter((l) => l.marks);
    expect(marked.map((l) => [l.occurred_at.toISOString(), l.marks])).toEqual([['2024-12-04T21:24:00.000Z', 'detection']]);
  });

  it('rejects a file that is not a report, naming it', () => {
    const out = normalizeIncidents([rec('not-a-report.txt')], { source: 'incidents', scope: 's' });
    expect(out.rows.incidents).toEqual([]);
    expect(out.rejects[0]).toMatchObject({ location: '/r/not-a-report.txt', reason: 'not an incident report: no Summary or Timeline section' });
  });
});
