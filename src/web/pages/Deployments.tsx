// Deployments: deploys per bucket stacked by kind, the filtered list (deployer, window,
// kind, outcome, time range; paged), the `windows` report inline (the Windows page
// has each window in full) and links to the other deploy reports of the registry.
import { useState } from 'preact/hooks';
import { TimeChart, type Bucket } from '../components/Chart.tsx';
import { ReportTable } from '../components/ReportTable.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row, type Table as Answer } from '../lib/api.ts';
import { timePoints } from '../lib/pivot.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const FILTERS = ['deployer', 'kind', 'window', 'outcome', 'repo'] as const;
const COLUMNS = ['deploy_key', 'kind', 'started_at', 'finished_at', 'duration_s', 'deployer', 'outcome', 'window_key', 'repo', 'host', 'staged', 'forced', 'message'];
const SHOWN = ['started_at', 'kind', 'deployer', 'message', 'duration_s', 'outcome', 'deploy_key'];
const REPORTS = /deploy|backport|change_failure|restore/;

export function Deployments({ route }: { route: Route }) {
  useTitle('Deployments');
  const p = route.params;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, p.get(f) || undefined]));
  const window = { since: p.get('since') || undefined, until: p.get('until') || undefined };
  const bucket = (p.get('bucket') || 'week') as Bucket;
  const depKey = JSON.stringify([filters, window]);
  const kinds = useData(() => getJson<Answer>('/api/explore', { table: 'deployments', group: 'kind', limit: '50' }), []);
  const timeline = useData(() => getJson<Answer>('/api/explore', { table: 'deployments', group: 'kind', bucket, ...filters, ...window }), [depKey, bucket]);
  const [pages, setPages] = useState<{ key: string; rows: Row[]; cursor: string | null }>({ key: '', rows: [], cursor: null });
  const list = useData(async () => {
    const t = await getJson<Answer>('/api/tables/deployments', { order: '-time', limit: '100', ...filters, ...window });
    setPages({ key: depKey, rows: t.rows, cursor: t.next_cursor ?? null });
    return t;
  }, [depKey]);
  const more = async () => {
    const t = await getJson<Answer>('/api/tables/deployments', { order: '-time', limit: '100', cursor: pages.cursor ?? undefined, ...filters, ...window });
    setPages({ key: depKey, rows: [...pages.rows, ...t.rows], cursor: t.next_cursor ?? null });
  };
  const reports = useData(() => getJson<{ reports: { id: string; title: string }[] }>('/api/reports'), []);
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
        { name: 'bucket', label: 'Per', type: 'select', options: ['day', 'week', 'month', 'quarter'], default: 'week' },
      ]} />
      <Async state={timeline} what="the deployments chart">
        {(t) => (t.rows.length === 0
          ? <Empty>No deployments in this range.</Empty>
          : <TimeChart data={timePoints(t.rows, ['kind'])} bucket={bucket} title={`Deployments per ${bucket}, by kind`} yLabel="deployments" />)}
      </Async>
      <h2>Deployments</h2>
      <Async state={list} what="deployments">
        {() => <Table id="deployments" columns={COLUMNS} show={SHOWN} rows={rows} page={1000} empty="No deployments match." />}
      </Async>
      {pages.key === depKey && pages.cursor && <button type="button" class="more" onClick={more}>Load 100 more</button>}
      <p class="muted">Each backport window with its syncs, deployers and time spent: <a href={href('windows', window)}>Windows</a>.</p>
      <ReportTable id="windows" title="Windows report" params={window} show={['starts_at', 'name', 'syncs', 'changes', 'deployers', 'span_s', 'busy_s', 'failed']} />
      {reports.data && reports.data.reports.some((r) => REPORTS.test(r.id)) && (
        <>
          <h2>More reports</h2>
          <ul>
            {reports.data.reports.filter((r) => REPORTS.test(r.id)).map((r) => (
              <li key={r.id}><a href={href('reports', { id: r.id, ...window })}>{r.title}</a></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
