// Deployments: a timeline (deploys per day by kind), the filtered list (deployer, window,
// kind, outcome, time window; paged), the windows with their deploy counts, the
// `windows` report inline and links to the other deploy reports of the registry.
import { useState } from 'preact/hooks';
import { Chart, pivot } from '../components/Chart.tsx';
import { ReportTable } from '../components/ReportTable.tsx';
import { DataTable, Loading } from '../components/DataTable.tsx';
import { getJson, type Row, type Table } from '../lib/api.ts';
import { href, type Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const FILTERS = ['deployer', 'kind', 'window', 'outcome', 'repo'] as const;

export function Deployments({ route }: { route: Route }) {
  const p = route.params;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, p.get(f) || undefined]));
  const window = { since: p.get('since') || undefined, until: p.get('until') || undefined };
  const depKey = JSON.stringify([filters, window]);
  const kinds = useData(() => getJson<Table>('/api/explore', { table: 'deployments', group: 'kind', limit: '50' }), []);
  const timeline = useData(() => getJson<Table>('/api/explore', { table: 'deployments', group: 'kind', bucket: p.get('bucket') || 'day', ...filters, ...window }), [depKey, p.get('bucket')]);
  const [pages, setPages] = useState<{ key: string; rows: Row[]; cursor: string | null }>({ key: '', rows: [], cursor: null });
  const list = useData(async () => {
    const t = await getJson<Table>('/api/tables/deployments', { order: '-time', limit: '50', ...filters, ...window });
    setPages({ key: depKey, rows: t.rows, cursor: t.next_cursor ?? null });
    return t;
  }, [depKey]);
  const more = async () => {
    const t = await getJson<Table>('/api/tables/deployments', { order: '-time', limit: '50', cursor: pages.cursor ?? undefined, ...filters, ...window });
    setPages({ key: depKey, rows: [...pages.rows, ...t.rows], cursor: t.next_cursor ?? null });
  };
  const windows = useData(async () => {
    const [w, counts] = await Promise.all([
      getJson<Table>('/api/tables/windows', { order: '-time', limit: '30', ...window }),
      getJson<Table>('/api/explore', { table: 'deployments', group: 'window_key', limit: '10000', ...window }),
    ]);
    const n = new Map(counts.rows.map((r) => [r.window_key, r.value]));
    return w.rows.map((r) => ({ ...r, deployments: n.get(r.window_key) ?? 0 }));
  }, [JSON.stringify(window)]);
  const reports = useData(() => getJson<{ reports: { id: string; title: string }[] }>('/api/reports'), []);
  const chart = timeline.data ? pivot(timeline.data.rows, ['kind'], true) : null;
  const rows = pages.key === depKey ? pages.rows : list.data?.rows ?? [];
  return (
    <section>
      <h1>Deployments</h1>
      <Filters route={route} fields={[
        { name: 'deployer', label: 'Deployer', placeholder: 'any' },
        { name: 'kind', label: 'Kind', type: 'select', options: ['', ...(kinds.data?.rows.map((r) => String(r.kind)) ?? [])] },
        { name: 'window', label: 'Window', placeholder: 'window:…' },
        { name: 'outcome', label: 'Outcome', type: 'select', options: ['', 'ok', 'failed', 'aborted', 'unfinished'] },
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'bucket', label: 'Bucket', type: 'select', options: ['day', 'week', 'month'] },
      ]} />
      <Loading {...timeline} />
      {chart && <Chart x={chart.x} series={chart.series} kind="bars" title="Deployments by kind" />}
      <h2>Deployments</h2>
      <Loading {...list} />
      {list.data && <DataTable testId="deployments" columns={['deploy_key', 'kind', 'started_at', 'duration_s', 'deployer', 'outcome', 'window_key', 'message']} rows={rows} empty="No deployments match." />}
      {pages.key === depKey && pages.cursor && <button type="button" onClick={more}>More</button>}
      <h2>Windows</h2>
      <Loading {...windows} />
      {windows.data && <DataTable testId="windows" columns={['window_key', 'name', 'kind', 'planned_start', 'opened_at', 'closed_at', 'deployers', 'deployments']} rows={windows.data} empty="No windows yet." />}
      <ReportTable id="windows" title="Windows report" params={window} />
      {reports.data && reports.data.reports.some((r) => /deploy|backport|change_failure|restore/.test(r.id)) && (
        <>
          <h2>More reports</h2>
          <ul>
            {reports.data.reports.filter((r) => /deploy|backport|change_failure|restore/.test(r.id)).map((r) => (
              <li key={r.id}><a href={href('reports', { id: r.id, ...window })}>{r.title}</a></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
