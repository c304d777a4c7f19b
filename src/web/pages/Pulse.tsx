// Pulse (#/pulse?since=&until=): what happened in a period across every source — the
// headline figures as tiles, each with a coverage line when its data does not cover the
// period; deploys by kind; the most active repositories and people; new contributors; and
// the pulse@version stamp with per-source coverage. Data from GET /api/pulse only.
import { Coverage, type CoverageInfo } from '../components/Coverage.tsx';
import { Async } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row } from '../lib/api.ts';
import { href, navigate, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface Item { name: string; value: number; detail: string; coverage: string; key: string | null }
interface PulseAnswer {
  metric: string; period: { since: string; until: string };
  figures: Item[]; deploys: Item[]; repositories: Item[]; people: Item[]; new_contributors: Item[];
  notes: string[]; coverage: CoverageInfo;
}

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

function Section({ id, title, items, empty, link }: { id: string; title: string; items: Item[]; empty: string; link?: (r: Row) => preact.JSX.Element }) {
  return (
    <>
      <h2>{title}</h2>
      <Table id={`pulse-${id}`} columns={['name', 'value', 'detail', 'coverage']} rows={items as unknown as Row[]} empty={empty}
        cells={link ? { name: link } : undefined} />
    </>
  );
}

export function Pulse({ route }: { route: Route }) {
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  useTitle('Pulse');
  const data = useData(() => getJson<PulseAnswer>('/api/pulse', { since, until }), [since, until]);
  const last = (days: number) => navigate('pulse', { since: ymd(new Date(Date.now() - days * DAY)), until: undefined });
  return (
    <section>
      <h1>Pulse</h1>
      <Filters route={route} fields={[{ name: 'since', label: 'Since', type: 'date' }, { name: 'until', label: 'Until', type: 'date' }]} />
      <p class="actions">
        <button type="button" onClick={() => last(7)}>Last 7 days</button>
        <button type="button" onClick={() => last(30)}>Last 30 days</button>
        <button type="button" onClick={() => last(365)}>Last year</button>
      </p>
      <Async state={data} what="the pulse">
        {(d) => (
          <>
            <p data-testid="period">From {d.period.since.slice(0, 16).replace('T', ' ')} to {d.period.until.slice(0, 16).replace('T', ' ')} UTC (end excluded).</p>
            <div class="tiles" data-testid="figures">
              {d.figures.map((f) => (
                <div class={`tile${f.coverage === 'covered' ? '' : ' uncovered'}`} key={f.name} title={f.detail} data-testid="figure">
                  <b>{f.value.toLocaleString('en-US')}</b><span>{f.name}</span>
                  {f.coverage !== 'covered' && <small class="figure-coverage" data-testid="figure-coverage">{f.coverage}</small>}
                </div>
              ))}
            </div>
            <Coverage metric={d.metric} coverage={d.coverage} />
            <Section id="deploys" title="Deploys by kind" items={d.deploys} empty="No deploys in this period." />
            <Section id="repositories" title="Most active repositories" items={d.repositories} empty="No repository activity in this period."
              link={(r) => <a href={href(`steward/${String(r.key)}`)}>{String(r.name)}</a>} />
            <Section id="people" title="Most active people" items={d.people} empty="Nobody was active in this period." />
            <Section id="new-contributors" title="New contributors" items={d.new_contributors} empty="No first commit or change in this period." />
            {d.notes.map((n) => <p class="muted note" key={n}>{n}</p>)}
          </>
        )}
      </Async>
    </section>
  );
}
