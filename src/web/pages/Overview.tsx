// Overview: activity over time (merges, deploys, train steps, incidents, test failures)
// from the explore API, with totals and the latest deployments.
import { Chart, type Series } from '../components/Chart.tsx';
import { DataTable, Loading } from '../components/DataTable.tsx';
import { getJson, type Table } from '../lib/api.ts';
import type { Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const ACTIVITY: { label: string; table: string; time: string; filters: Record<string, string> }[] = [
  { label: 'merges', table: 'changes', time: 'merged_at', filters: { status: 'merged' } },
  { label: 'deploys', table: 'deployments', time: 'started_at', filters: {} },
  { label: 'train steps', table: 'train_events', time: 'occurred_at', filters: {} },
  { label: 'incidents', table: 'incidents', time: 'started_at', filters: {} },
  { label: 'test failures', table: 'test_results', time: 'run_at', filters: { status: 'fail' } },
];

/** Where no change source has data yet, merges are the commits of the first-parent line. */
const MERGES_FROM_GIT = { table: 'commits', time: 'committed_at', filters: { first_parent: 'true' } };

async function loadActivity(bucket: string, since?: string, until?: string) {
  const explore = (a: { table: string; time: string; filters: Record<string, string> }) =>
    getJson<Table>('/api/explore', { table: a.table, time: a.time, bucket, since, until, ...a.filters })
      .catch(() => ({ columns: [], rows: [] }) as Table);
  const answers = await Promise.all(ACTIVITY.map(explore));
  if (answers[0].rows.length === 0) answers[0] = await explore(MERGES_FROM_GIT);
  const xs = [...new Set(answers.flatMap((t) => t.rows.map((r) => new Date(String(r.bucket)).getTime() / 1000)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series: Series[] = ACTIVITY.map((a, k) => {
    const values = xs.map(() => 0 as number | null);
    for (const r of answers[k].rows) values[index.get(new Date(String(r.bucket)).getTime() / 1000)!] = Number(r.value);
    return { label: a.label, values };
  });
  const totals = ACTIVITY.map((a, k) => ({ label: a.label, total: answers[k].rows.reduce((n, r) => n + Number(r.value), 0) }));
  return { xs, series, totals };
}

export function Overview({ route }: { route: Route }) {
  const bucket = route.params.get('bucket') || 'week';
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const activity = useData(() => loadActivity(bucket, since, until), [bucket, since, until]);
  const recent = useData(() => getJson<Table>('/api/tables/deployments', { order: '-time', limit: '10', since, until }), [since, until]);
  return (
    <section>
      <h1>Overview</h1>
      <Filters route={route} fields={[
        { name: 'bucket', label: 'Bucket', type: 'select', options: ['day', 'week', 'month', 'quarter', 'year'] },
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
      ]} />
      <Loading {...activity} />
      {activity.data && (
        <>
          <div class="tiles">
            {activity.data.totals.map((t) => <div class="tile" key={t.label}><b>{t.total}</b><span>{t.label}</span></div>)}
          </div>
          <Chart x={activity.data.xs} series={activity.data.series} kind="line" title={`Activity per ${bucket}`} />
        </>
      )}
      <h2>Latest deployments</h2>
      <Loading {...recent} />
      {recent.data && <DataTable columns={['deploy_key', 'kind', 'started_at', 'deployer', 'outcome', 'message']} rows={recent.data.rows} empty="No deployments yet." />}
    </section>
  );
}
