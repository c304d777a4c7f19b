// Overview: activity over time (merges, deploys, train steps, incidents, test failures)
// from the explore API, one small bar chart each (own scale, from 0) with its total, and
// the latest deployments. A failed request shows as an error, never as 0.
import { TimeChart, type Bucket, type TimePoint } from '../components/Chart.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Table as Answer } from '../lib/api.ts';
import { type Route, useTitle } from '../lib/route.ts';
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
const BUCKETS: Bucket[] = ['day', 'week', 'month', 'quarter', 'year'];
export const DEFAULT_BUCKET: Bucket = 'week';

async function loadActivity(bucket: Bucket, since?: string, until?: string) {
  const explore = (a: { table: string; time: string; filters: Record<string, string> }) =>
    getJson<Answer>('/api/explore', { table: a.table, time: a.time, bucket, since, until, ...a.filters });
  const answers = await Promise.all(ACTIVITY.map(explore));
  if (answers[0].rows.length === 0) answers[0] = await explore(MERGES_FROM_GIT);
  return ACTIVITY.map((a, k) => ({
    label: a.label,
    total: answers[k].rows.reduce((n, r) => n + Number(r.value), 0),
    points: answers[k].rows.map((r): TimePoint => ({ t: new Date(String(r.bucket)), series: a.label, value: Number(r.value) })),
  }));
}

/** One x range for every small chart, so the weeks line up from chart to chart. */
function extent(data: { points: TimePoint[] }[]): [Date, Date] {
  const times = data.flatMap((d) => d.points.map((p) => p.t.getTime()));
  return [new Date(Math.min(...times)), new Date(Math.max(...times))];
}

export function Overview({ route }: { route: Route }) {
  useTitle('Overview');
  const raw = route.params.get('bucket') as Bucket | null;
  const bucket = raw && BUCKETS.includes(raw) ? raw : DEFAULT_BUCKET;
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const activity = useData(() => loadActivity(bucket, since, until), [bucket, since, until]);
  const recent = useData(() => getJson<Answer>('/api/tables/deployments', { order: '-time', limit: '10', since, until }), [since, until]);
  return (
    <section>
      <h1>Overview</h1>
      <Filters route={route} fields={[
        { name: 'bucket', label: 'Per', type: 'select', options: BUCKETS, default: DEFAULT_BUCKET },
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
      ]} />
      <Async state={activity} what="activity">
        {(data) => (
          <>
            <div class="tiles" data-testid="totals">
              {data.map((t) => <div class="tile" key={t.label}><b>{t.total.toLocaleString('en-US')}</b><span>{t.label}</span></div>)}
            </div>
            {data.every((t) => t.points.length === 0)
              ? <Empty>No activity in this time range yet: sync or import a source (see Status).</Empty>
              : (
                <div class="multiples">
                  {data.filter((t) => t.points.length > 0).map((t) => (
                    <TimeChart key={t.label} data={t.points} bucket={bucket} height={190} domain={extent(data)} title={`${t.label[0].toUpperCase()}${t.label.slice(1)} per ${bucket}`} yLabel={t.label} />
                  ))}
                </div>
              )}
          </>
        )}
      </Async>
      <h2>Latest deployments</h2>
      <Async state={recent} what="the latest deployments">
        {(t) => <Table id="latest-deployments" rows={t.rows} columns={['deploy_key', 'kind', 'started_at', 'deployer', 'outcome', 'message']} empty="No deployments yet." />}
      </Async>
    </section>
  );
}
