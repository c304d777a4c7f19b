// Trains: per version when each wiki group got it, delays, rollbacks and total time,
// charted, with the roll-forward/rollback events of the version picked.
import { Chart } from '../components/Chart.tsx';
import { DataTable, Loading } from '../components/DataTable.tsx';
import { ReportTable } from '../components/ReportTable.tsx';
import { getJson, type Table } from '../lib/api.ts';
import type { Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

export function Trains({ route }: { route: Route }) {
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const version = route.params.get('version') || undefined;
  const trains = useData(() => getJson<Table>('/api/tables/trains', { order: '-time', limit: '200', since, until }), [since, until]);
  const events = useData(() => getJson<Table>('/api/tables/train_events', { order: 'time', limit: '500', version, since, until }), [version, since, until]);
  const rows = [...(trains.data?.rows ?? [])].reverse();
  // Short labels on the axis (wmf.12): the full version is in the table below.
  const categories = rows.map((r) => String(r.version).replace(/^.*-(?=wmf)/, ''));
  return (
    <section>
      <h1>Trains</h1>
      <Filters route={route} fields={[
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'version', label: 'Version', placeholder: 'e.g. 1.42.0-wmf.20' },
      ]} />
      <Loading {...trains} />
      {rows.length > 0 && (
        <Chart x={rows.map((_, i) => i)} categories={categories} kind="bars" title="Delay (days) and rollbacks per train" series={[
          { label: 'total delay (days)', values: rows.map((r) => (r.total_delay_days as number | null) ?? null) },
          { label: 'rollbacks', values: rows.map((r) => (r.rollbacks as number | null) ?? null) },
        ]} />
      )}
      {trains.data && (
        <DataTable testId="trains" rows={trains.data.rows}
          columns={['train_key', 'group0_at', 'group1_at', 'group2_at', 'total_delay_days', 'rollbacks', 'rollbacks_time_s', 'reached_group2', 'blocker_task']}
          empty="No trains yet." />
      )}
      <ReportTable id="trains" title="Trains report" params={{ since, until }} limit={100} />
      <ReportTable id="train_blockers" title="Train blockers" params={{ since, until }} limit={100} />
      <h2>Rollout events{version ? ` of ${version}` : ''}</h2>
      <Loading {...events} />
      {events.data && <DataTable columns={['occurred_at', 'version', 'wiki_group', 'kind', 'from_version', 'wikis_moved', 'commit_key']} rows={events.data.rows} empty="No train events yet." />}
    </section>
  );
}
