// Explorer: a pivot over any table — group by up to three columns, filter, bucket a
// time column, pick a measure and a chart. Every choice is in the URL.
import { CategoryChart, TimeChart, type Bucket, type ChartKind } from '../components/Chart.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table as DataTable } from '../components/Table.tsx';
import { Coverage, type CoverageInfo } from '../components/Coverage.tsx';
import { getJson, type Table } from '../lib/api.ts';
import { PERSON_COLUMNS } from '../lib/columns.ts';
import { personLabel, usePeople } from '../lib/people.ts';
import { categoryPoints, timePoints } from '../lib/pivot.ts';
import { navigate, paramsObject, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { DateInput } from './Filters.tsx';

interface TableInfo { table: string; columns: { name: string; type: string }[]; time: string | null }

const BUCKETS = ['none', 'hour', 'day', 'week', 'month', 'quarter', 'year'];
const AGGS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'p50', 'p95'];
const isTime = (t: string) => /^(TIMESTAMP|DATE)/.test(t);
const isNum = (t: string) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t);

/** "col=value" lines of the filter box → query parameters. */
export function parseFilters(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 1) continue;
    const k = line.slice(0, i).trim();
    (out[k] ??= []).push(line.slice(i + 1).trim());
  }
  return out;
}

const label = (column: string, v: unknown) => (v === null || v === undefined || v === '' ? '∅' : PERSON_COLUMNS.has(column) ? personLabel(String(v)) : String(v));

export function Explorer({ route }: { route: Route }) {
  useTitle('Explorer');
  usePeople();
  const s = paramsObject(route.params);
  const table = s.table || 'deployments';
  const group = [s.g1, s.g2, s.g3].filter(Boolean) as string[];
  const bucket = s.bucket || 'week';
  const agg = s.agg || 'count';
  const chart = (s.chart || 'bars') as ChartKind | 'table';
  const catalog = useData(() => getJson<{ tables: TableInfo[] }>('/api/tables'), []);
  const info = catalog.data?.tables.find((t) => t.table === table);
  const time = s.time || info?.time || '';
  const set = (patch: Record<string, string | undefined>) => navigate('explore', { ...s, ...patch });
  const measure = agg === 'count' ? 'count' : `${agg}:${s.col || ''}`;
  const answer = useData(() => getJson<Table>('/api/explore', {
    table, group: group.join(','), bucket: time ? bucket : 'none', time: time || undefined, measure, since: s.since, until: s.until, ...parseFilters(s.filters ?? ''),
  }), [JSON.stringify(s), time]);
  const bucketed = Boolean(time) && bucket !== 'none';
  const title = `${measure} of ${table}${group.length ? ` by ${group.join(', ')}` : ''}`;
  const cols = info?.columns ?? [];
  const scalar = cols.filter((c) => !c.type.endsWith('[]'));
  return (
    <section>
      <h1>Explorer</h1>
      <form class="filters explorer" onSubmit={(e) => e.preventDefault()}>
        <label>Table
          <select name="table" value={table} onChange={(e) => navigate('explore', { table: (e.target as HTMLSelectElement).value, chart: s.chart })}>
            {(catalog.data?.tables ?? [{ table }]).map((t) => <option key={t.table}>{t.table}</option>)}
          </select>
        </label>
        {(['g1', 'g2', 'g3'] as const).map((g, i) => (
          <label key={g}>Group {i + 1}
            <select name={g} value={s[g] ?? ''} onChange={(e) => set({ [g]: (e.target as HTMLSelectElement).value || undefined })}>
              <option value="">(none)</option>
              {scalar.map((c) => <option key={c.name}>{c.name}</option>)}
            </select>
          </label>
        ))}
        <label>Time
          <select name="time" value={time} onChange={(e) => set({ time: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="">(none)</option>
            {cols.filter((c) => isTime(c.type)).map((c) => <option key={c.name}>{c.name}</option>)}
          </select>
        </label>
        <label>Bucket
          <select name="bucket" value={bucket} onChange={(e) => set({ bucket: (e.target as HTMLSelectElement).value })}>
            {BUCKETS.map((b) => <option key={b}>{b}</option>)}
          </select>
        </label>
        <label>Measure
          <select name="agg" value={agg} onChange={(e) => set({ agg: (e.target as HTMLSelectElement).value })}>
            {AGGS.map((a) => <option key={a}>{a}</option>)}
          </select>
        </label>
        {agg !== 'count' && (
          <label>of
            <select name="col" value={s.col ?? ''} onChange={(e) => set({ col: (e.target as HTMLSelectElement).value })}>
              <option value="">(pick)</option>
              {cols.filter((c) => agg === 'count_distinct' || isNum(c.type)).map((c) => <option key={c.name}>{c.name}</option>)}
            </select>
          </label>
        )}
        <label>Chart
          <select name="chart" value={chart} onChange={(e) => set({ chart: (e.target as HTMLSelectElement).value })}>
            {['bars', 'line', 'points', 'table'].map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
        <label>Since (UTC) <DateInput key={`since=${s.since ?? ''}`} field={{ name: 'since' }} value={s.since ?? ''} set={(v) => set({ since: v || undefined })} /></label>
        <label>Until (UTC) <DateInput key={`until=${s.until ?? ''}`} field={{ name: 'until' }} value={s.until ?? ''} set={(v) => set({ until: v || undefined })} /></label>
        <label class="wide">Filters (one column=value a line)
          <textarea name="filters" rows={2} value={s.filters ?? ''} onChange={(e) => set({ filters: (e.target as HTMLTextAreaElement).value || undefined })} />
        </label>
      </form>
      <Async state={answer} what="the answer">
        {(a) => (a.rows.length === 0 ? <Empty>No rows match.</Empty> : (
          <>
            {chart !== 'table' && (bucketed
              ? <TimeChart data={timePoints(a.rows, group, 8, label)} bucket={bucket as Bucket} kind={chart} title={title} yLabel={measure} />
              : <CategoryChart data={categoryPoints(a.rows, group, 40, label)} layout="stacked" title={title} valueLabel={measure} categoryLabel={group[0] ?? table} />)}
            <Coverage coverage={(a as { coverage?: CoverageInfo }).coverage} />
            <DataTable id="explore-result" remember={false} columns={a.columns} rows={a.rows} empty="No rows match." />
          </>
        ))}
      </Async>
    </section>
  );
}
