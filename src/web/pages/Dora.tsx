// DORA on the train model: the dora report (GET /api/reports/dora) with its two classes
// apart — the train per wiki group (a measure per row, a group per column) and the
// backport / config-sync class — each graded figure with its grade, the benchmark set that
// graded it and the event definition that produced it; the set is chosen on the page.
import { ReportMeta, type ReportResult } from '../components/ReportTable.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row } from '../lib/api.ts';
import { type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const GROUPS = ['all', 'testwikis', 'group0', 'group1', 'group2'];
const BENCHMARKS = ['dora-2024', 'dora-2023'];

function show(r: Row | undefined): string {
  if (!r || r.value === null || r.value === undefined) return '—';
  const v = Number(r.value);
  const text = r.unit === 'ratio' ? `${(v * 100).toFixed(1)} %` : String(Math.round(v * 100) / 100);
  return r.p90 !== null && r.p90 !== undefined ? `${text} (p90 ${Math.round(Number(r.p90) * 100) / 100})` : text;
}

/** The train's figures, a measure per row and a wiki group per column, graded where DORA grades. */
function TrainGrid({ rows }: { rows: Row[] }) {
  const measures = [...new Set(rows.map((r) => String(r.measure)))];
  const at = (m: string, g: string) => rows.find((r) => r.measure === m && r.wiki_group === g);
  return (
    <table class="grid" data-testid="dora-train">
      <thead><tr><th>measure</th><th>unit</th>{GROUPS.map((g) => <th key={g} data-col={g}>{g}</th>)}<th>grade (all)</th></tr></thead>
      <tbody>
        {measures.map((m) => {
          const all = at(m, 'all') ?? rows.find((r) => r.measure === m);
          return (
            <tr key={m} data-measure={m}>
              <td title={String(all?.event_definition ?? '')}>{m}</td>
              <td>{String(all?.unit ?? '')}</td>
              {GROUPS.map((g) => <td key={g} class="num" title={at(m, g) ? `n = ${String(at(m, g)!.n)}` : ''}>{show(at(m, g))}</td>)}
              <td data-testid={`grade-${m}`} title={all?.grade_band ? String(all.grade_band) : ''}>{all?.grade ? `${String(all.grade)} · ${String(all.benchmark)}` : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Dora({ route }: { route: Route }) {
  useTitle('DORA');
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const benchmark = route.params.get('benchmark') || 'dora-2024';
  const result = useData(() => getJson<ReportResult>('/api/reports/dora', { since, until, benchmark }), [since, until, benchmark]);
  return (
    <section>
      <h1>DORA on the train model</h1>
      <Filters route={route} fields={[
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'benchmark', label: 'Benchmark set', type: 'select', options: BENCHMARKS, default: 'dora-2024' },
      ]} />
      <Async state={result} what="the dora report">
        {(r) => {
          if (r.rows.length === 0) return <Empty>No train promotions or syncs in this period.</Empty>;
          const train = r.rows.filter((x) => x.class === 'train');
          const backport = r.rows.filter((x) => x.class === 'backport');
          return (
            <>
              <ReportMeta result={r} />
              <h2>Train: promotions of a version to a wiki group</h2>
              <TrainGrid rows={train} />
              <h2>Backports and config syncs</h2>
              <Table id="dora-backport" rows={backport} columns={['measure', 'value', 'p90', 'n', 'unit', 'grade', 'grade_band', 'benchmark', 'event_definition']}
                show={['measure', 'value', 'p90', 'n', 'unit', 'grade', 'benchmark', 'event_definition']} empty="No syncs in this period." />
              <h2>Every figure with its event definition</h2>
              <Table id="dora-all" rows={r.rows} columns={r.columns ?? []} show={['class', 'wiki_group', 'measure', 'value', 'n', 'grade', 'benchmark', 'event_definition']} />
              {r.notes?.map((n) => <p class="muted note" key={n}>{n}</p>)}
            </>
          );
        }}
      </Async>
    </section>
  );
}
