import { describe, expect, it } from 'vitest';
import { dateOfTitle, parseTimeline } from './timeline.ts';

describe('incident timelines', () => {
  it('dates HH:MM lines from the title, both title styles', () => {
    expect(dateOfTitle('Incident documentation/20180312-Cache-text')).toEqual(new Date('2018-03-12T00:00:00Z'));
    expect(dateOfTitle('Incidents/2022-05-01 Some outage')).toEqual(new Date('2022-05-01T00:00:00Z'));
    expect(dateOfTitle('Incidents/Something')).toBeNull();
  });

  it('reads seconds, SAL permalink times, date lines, and rolls over midnight', () => {
    const t = parseTimeline([
      '* 23:37:35 Alex merges 243728',
      '* [[toolforge:sal/log/AWIZPsfZkkJ8OkTwiOnZ|23:59]] restart',
      '* 00:10 recovered',
      "'''2015-10-07'''",
      '* 01:00 follow-up',
      '- 2017-10-07 02:00 a typo year is ignored',
    ], new Date('2015-10-05T00:00:00Z'));
    expect(t.map((e) => [e.at.toISOString(), e.salId])).toEqual([
      ['2015-10-05T23:37:35.000Z', null], ['2015-10-05T23:59:00.000Z', 'AWIZPsfZkkJ8OkTwiOnZ'], ['2015-10-06T00:10:00.000Z', null],
      ['2015-10-07T01:00:00.000Z', null], ['2015-10-07T02:00:00.000Z', null],
    ]);
    expect(t[2].text).toBe('recovered');
  });
});
