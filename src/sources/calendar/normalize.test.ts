// The three calendar formats on fixtures written in their real shapes (jouncebot's HTML
// selectors, the generator's wikitext templates, the generator's schedule JSON/YAML).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../types.ts';
import { normalizeCalendar } from './normalize.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function record(kind: string, key: string, payload: string): RawRecord {
  return { rawId: `calendar:${kind}:${key}#0`, source: 'calendar', scope: 's', kind, key, url: `/x/${key.split('?')[0]}`, payload, contentHash: '0', fetchedAt: new Date(0) };
}

describe('normalizeCalendar', () => {
  it('reads the rendered page: UTC times, names, deployers, requested changes', () => {
    const out = normalizeCalendar([record('html', 'week.html', fixture('deployments-week.html'))], { source: 'calendar', scope: 's' });
    const w = out.rows.windows;
    expect(w.map((r) => r.window_key)).toEqual([
      'window:2024-12-02T0800Z-utc-morning-backport-window',
      'window:2024-12-02T1400Z-utc-afternoon-backport-window',
      'window:2024-12-03T1900Z-mediawiki-train-1.44.0-wmf.6-version',
    ]);
    expect(w[0]).toMatchObject({
      name: 'UTC morning backport window', kind: 'backport', max_patches: 6, source: 'calendar',
      planned_start: new Date('2024-12-02T08:00:00Z'), planned_end: new Date('2024-12-02T09:00:00Z'),
      deployers: ['Amir1', 'Urbanecm'], requested_changes: [1101577, 1100200],
    });
    expect(w[1].requested_changes).toEqual([]);
    expect(w[2]).toMatchObject({ kind: 'train', deployers: ['brennen'] });
    expect(out.rows.links[0]).toMatchObject({
      src_key: w[0].window_key, dst_key: 'change:gerrit.wikimedia.org:1101577', rule: 'calendar-request', confidence: 'high',
    });
    expect(out.rejects).toHaveLength(1);
    expect(out.rejects[0]).toMatchObject({ location: '/x/week.html#deploycal-item-broken' });
    expect(out.rejects[0].reason).toMatch(/data-utcstart/);
  });

  it('reads wikitext of both template eras, SF times converted to UTC', () => {
    const out = normalizeCalendar([record('wikitext', 'week.wiki', fixture('deployments-week.wikitext'))], { source: 'calendar', scope: 's' });
    const w = out.rows.windows;
    expect(w).toHaveLength(3);
    expect(w[0]).toMatchObject({
      name: 'European Mid-day SWAT', kind: 'swat', max_patches: 8, planned_start: new Date('2018-03-05T11:00:00Z'),
      deployers: ['addshore', 'zeljkof'], requested_changes: [416123, 416200],
    });
    expect(w[1]).toMatchObject({ name: 'Morning SWAT', planned_start: new Date('2018-03-05T19:00:00Z'), requested_changes: [] });
    expect(w[2]).toMatchObject({
      name: 'UTC late backport window', kind: 'backport', planned_start: new Date('2024-12-04T21:00:00Z'),
      planned_end: new Date('2024-12-04T22:00:00Z'), deployers: ['RoanKattouw', 'Urbanecm'], requested_changes: [1101577],
    });
    expect(out.rejects.map((r) => r.location)).toEqual(['/x/week.wiki:35']);
  });

  it('lays the generator schedule out on the requested days, with alternate schedules', () => {
    const key = 'schedule-small.yaml?from=2023-01-09&until=2023-01-15&schedules=UTC-7&var.version=1.40.0-wmf.18&var.train_deployer=%7B%7Bircnick%7Cdancy%7D%7D';
    const out = normalizeCalendar([record('schedule', key, fixture('schedule-small.yaml'))], { source: 'calendar', scope: 's' });
    const w = out.rows.windows;
    const late = w.filter((r) => r.name === 'UTC late backport window');
    expect(late.map((r) => (r.planned_start as Date).toISOString())).toEqual([
      '2023-01-09T21:00:00.000Z', '2023-01-10T21:00:00.000Z', '2023-01-11T21:00:00.000Z',
    ]);
    const train = w.find((r) => r.kind === 'train');
    expect(train).toMatchObject({ name: 'MediaWiki train - 1.40.0-wmf.18 Version', planned_start: new Date('2023-01-10T19:00:00Z'), deployers: ['dancy'] });
    expect(w.find((r) => r.name?.toString().startsWith('No deploys'))?.planned_end).toEqual(new Date('2023-01-14T08:00:00Z'));
    expect(out.rejects.map((r) => r.reason)).toEqual(['window "missing_window" is not defined under "windows"']);
  });

  it('is record-by-record: two records give the rows of each', () => {
    const a = record('html', 'a.html', fixture('deployments-week.html'));
    const b = record('wikitext', 'b.wiki', fixture('deployments-week.wikitext'));
    const both = normalizeCalendar([a, b], { source: 'calendar', scope: 's' });
    const one = normalizeCalendar([a], { source: 'calendar', scope: 's' });
    const two = normalizeCalendar([b], { source: 'calendar', scope: 's' });
    expect(both.rows.windows).toEqual([...one.rows.windows, ...two.rows.windows]);
  });
});
