// Reports: every metric and report of the registry, run with a time window.
import { DataTable, Loading } from '../components/DataTable.tsx';
import { enc, getJson, type Row } from '../lib/api.ts';
import { href, type Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface ReportInfo { id: string; version: number; kind: string; title: string; description: string; unit: string | null }
interface Result { id: string; version: number; watermark: string | null; columns?: string[]; rows: Row[]; notes?: string[] }

export function Reports({ route }: { route: Route }) {
  const id = route.params.get('id') ?? '';
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const list = useData(() => getJson<{ reports: ReportInfo[] }>('/api/reports'), []);
  const result = useData(() => (id ? getJson<Result>(`/api/reports/${enc(id)}`, { since, until }) : Promise.resolve(null)), [id, since, until]);
  return (
    <section>
      <h1>Reports</h1>
      <Loading {...list} />
      {list.data && list.data.reports.length === 0 && <p class="empty">No reports are registered yet.</p>}
      <ul class="reports">
        {list.data?.reports.map((r) => (
          <li key={r.id}><a href={href('reports', { id: r.id, since, until })}>{r.title}</a> <code>{r.id}@{r.version}</code> <span class="muted">{r.description}</span></li>
        ))}
      </ul>
      {id && (
        <>
          <Filters route={route} fields={[{ name: 'since', label: 'Since', type: 'date' }, { name: 'until', label: 'Until', type: 'date' }]} />
          <Loading {...result} />
          {result.data && (
            <>
              <p class="muted">{result.data.id}@{result.data.version}; data as of {result.data.watermark ?? 'never synced'}</p>
              <DataTable columns={result.data.columns ?? Object.keys(result.data.rows[0] ?? {})} rows={result.data.rows} />
              {result.data.notes?.map((n) => <p class="muted" key={n}>{n}</p>)}
            </>
          )}
        </>
      )}
    </section>
  );
}
