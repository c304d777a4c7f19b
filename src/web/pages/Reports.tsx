// Reports: every metric and report of the registry, run with a time window.
import { ReportMeta, type ReportResult } from '../components/ReportTable.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { enc, getJson } from '../lib/api.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface ReportInfo { id: string; version: number; versions?: number[]; kind: string; title: string; description: string; unit: string | null }

export function Reports({ route }: { route: Route }) {
  const id = route.params.get('id') ?? '';
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  useTitle(id ? `${id} · Reports` : 'Reports');
  const list = useData(() => getJson<{ reports: ReportInfo[] }>('/api/reports'), []);
  const result = useData(() => (id ? getJson<ReportResult>(`/api/reports/${enc(id)}`, { since, until }) : Promise.resolve(null)), [id, since, until]);
  return (
    <section>
      <h1>Reports</h1>
      <Async state={list} what="the reports">
        {(l) => (l.reports.length === 0 ? <Empty>No reports are registered yet.</Empty> : (
          <ul class="reports">
            {l.reports.map((r) => (
              <li key={r.id} class={id.split('@')[0] === r.id ? 'active' : ''}><a href={href('reports', { id: r.id, since, until })}>{r.title}</a> <code>{r.id}@{r.version}</code> <span class="muted">{r.description}</span>
                {(r.versions ?? []).filter((v) => v !== r.version).length > 0 && (
                  <span class="muted" data-testid="older-versions"> (kept: {(r.versions ?? []).filter((v) => v !== r.version).map((v, i) => (
                    <>{i > 0 && ', '}<a key={v} href={href('reports', { id: `${r.id}@${v}`, since, until })}>{r.id}@{v}</a></>))})</span>
                )}</li>
            ))}
          </ul>
        ))}
      </Async>
      {id && (
        <>
          <Filters route={route} fields={[{ name: 'since', label: 'Since', type: 'date' }, { name: 'until', label: 'Until', type: 'date' }]} />
          <Async state={result} what={`the ${id} report`}>
            {(r) => r && (
              <>
                <ReportMeta result={r} />
                <Table id={`report-${r.id}`} columns={r.columns ?? Object.keys(r.rows[0] ?? {})} rows={r.rows} empty="No rows for this time window." />
                {r.notes?.map((n) => <p class="muted" key={n}>{n}</p>)}
              </>
            )}
          </Async>
        </>
      )}
    </section>
  );
}
