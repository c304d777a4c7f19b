// Trains: per version when each wiki group got it, delays, rollbacks and total time,
// charted (delay and rollbacks apart: they have different units), with the
// roll-forward/rollback events of the version picked.
import { CategoryChart } from '../components/Chart.tsx';
import { ReportTable } from '../components/ReportTable.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Table as Answer } from '../lib/api.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const COLUMNS = ['train_key', 'group0_at', 'group1_at', 'group2_at', 'total_delay_days', 'rollbacks', 'rollbacks_time_s', 'reached_group2', 'blocker_task',
  'first_rollforward_at', 'last_rollforward_at', 'total_time_s', 'group0_delay_days', 'group1_delay_days', 'group2_delay_days'];

export function Trains({ route }: { route: Route }) {
  useTitle('Trains');
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const version = route.params.get('version') || undefined;
  const trains = useData(() => getJson<Answer>('/api/tables/trains', { order: '-time', limit: '200', since, until }), [since, until]);
  const events = useData(() => getJson<Answer>('/api/tables/train_events', { order: 'time', limit: '500', version, since, until }), [version, since, until]);
  return (
    <section>
      <h1>Trains</h1>
      <Filters route={route} fields={[
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'version', label: 'Version', placeholder: 'e.g. 1.42.0-wmf.20' },
      ]} />
      <Async state={trains} what="trains">
        {(t) => {
          // Oldest first on the axis, short labels (wmf.12): the full version is in the table.
          const rows = [...t.rows].reverse();
          const label = (r: Record<string, unknown>) => String(r.version).replace(/^(\d+\.\d+)\.\d+-(wmf\.\d+)$/, '$1 $2');
          if (rows.length === 0) return <Empty>No trains yet.</Empty>;
          return (
            <>
              <div class="pair">
                <CategoryChart title="Delay per train (days behind the plan, all groups)" valueLabel="days of delay" categoryLabel="train"
                  data={rows.map((r) => ({ category: label(r), series: 'delay', value: (r.total_delay_days as number | null) ?? 0 }))} />
                <CategoryChart title="Rollbacks per train" valueLabel="rollbacks" categoryLabel="train"
                  data={rows.map((r) => ({ category: label(r), series: 'rollbacks', value: (r.rollbacks as number | null) ?? 0 }))} />
              </div>
              <Table id="trains" rows={t.rows} columns={COLUMNS} show={COLUMNS.slice(0, 9)} empty="No trains yet."
                cells={{ train_key: (r) => <a href={href(`train/${String(r.version)}`)} data-testid="train-link">{String(r.version)}</a> }} />
            </>
          );
        }}
      </Async>
      <ReportTable id="trains" title="Trains report" params={{ since, until }} limit={100} />
      <ReportTable id="train_blockers" title="Train blockers" params={{ since, until }} limit={100} />
      <h2>Rollout events{version ? ` of ${version}` : ''}</h2>
      <Async state={events} what="train events">
        {(e) => <Table id="train-events" rows={e.rows} columns={['occurred_at', 'version', 'wiki_group', 'kind', 'from_version', 'wikis_moved', 'commit_key']} empty="No train events yet." />}
      </Async>
    </section>
  );
}
